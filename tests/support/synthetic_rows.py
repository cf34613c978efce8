"""A header and one valid observation row (synthetic test data) for the loader's tests to start from and break."""

HEADER = "indicator,region,year,sex,level,breakdown,value,unit,qualifier,source,locator\n"
GOOD_ROW = "stem_first_year_dropout,081,2018,total,all,all,18.1,percent,,test_source,synthetic row\n"
