/* The page's charts and data files (stemlib.publish.html_export puts this script and its blocks right after the
 * page's first chart, or at the end of a page without charts).
 *
 * The page carries two compressed blocks (deflate, base64): the Vega runtime (vega-embed), and the page's data
 * (each chart compiled to Vega at export time, the datasets they share stored once, the lines of the CSV files
 * stored once). No chart script runs before the first screen is painted: text and tables show first. The blocks
 * are unpacked with the browser's DecompressionStream meanwhile; once the first screen is painted the charts are
 * drawn, those in view first, in slices that leave the page responsive, and all of them at once if the page is
 * printed before that. Each chart's box already has the height its chart will take (measured at export time),
 * so nothing moves when a chart arrives.
 * A data link builds its CSV file as a Blob when it is used (clicked, hovered, focused, right-clicked).
 * Performance marks: stemlib-charts-start (the runtime starts), stemlib-charts-done (the last chart is drawn).
 */
(function () {
  'use strict';
  var danish = document.documentElement.lang === 'da';
  // The script comes right after the first chart: the charts below it are found as the browser reads them.
  var page = null, failed = null, drawing = 0, isParsed = false, inView = new Set(), observer = null;
  var parsed = new Promise(function (resolve) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', resolve); else resolve();
  }).then(function () { isParsed = true; });
  var SLICE_MS = 200;

  function say(element, da, en) { element.textContent = danish ? da : en; }

  function afterFirstPaint() {
    // The browser's own word that the first screen is on the glass (its first contentful paint); where it cannot
    // say, the task after the next animation frame, which follows a painted frame.
    return new Promise(function (resolve) {
      var types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
      if (types.indexOf('paint') < 0) {
        requestAnimationFrame(function () { setTimeout(resolve, 0); });
        return;
      }
      var observer = new PerformanceObserver(function (list) {
        if (list.getEntriesByName('first-contentful-paint').length) { observer.disconnect(); resolve(); }
      });
      observer.observe({type: 'paint', buffered: true});
    });
  }

  function unpack(id) {
    // A promise of the block's text; a browser without DecompressionStream gets a rejected one.
    if (!('DecompressionStream' in window)) return Promise.reject(new Error('no DecompressionStream'));
    var base64 = document.getElementById(id).textContent.trim(), bytes;
    if (Uint8Array.fromBase64) {
      bytes = Uint8Array.fromBase64(base64);
    } else {
      var text = atob(base64);
      bytes = new Uint8Array(text.length);
      for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    return new Response(stream).text();
  }

  // ---------------------------------------------------------------- charts
  function waiting() {
    return document.querySelectorAll('.stemlib-chart[data-stemlib-chart]:not([data-stemlib-drawn])');
  }

  function watch() {
    // Charts the browser has read since the last look: the observer tells which are in view.
    if (!observer) return;
    Array.prototype.forEach.call(document.querySelectorAll('.stemlib-chart[data-stemlib-chart]:not([data-stemlib-seen])'),
      function (c) { c.setAttribute('data-stemlib-seen', ''); observer.observe(c); });
  }

  function finished(element) {
    element.style.minHeight = '';  // the reserved height has done its work; the drawn chart holds its own
    drawing -= 1;
    allDrawn();
  }

  function allDrawn() {
    if (isParsed && drawing === 0 && !waiting().length
        && !document.documentElement.hasAttribute('data-stemlib-charts')) {
      performance.mark('stemlib-charts-done');
      document.documentElement.setAttribute('data-stemlib-charts', 'drawn');
    }
  }

  function draw(element) {
    // Returns a promise that settles once the chart is drawn (or has said why it cannot be).
    if (element.hasAttribute('data-stemlib-drawn')) return Promise.resolve();
    element.setAttribute('data-stemlib-drawn', '');
    drawing += 1;
    var fail = function (error) {
      say(element, 'Diagrammet kunne ikke tegnes: ' + error, 'The chart could not be drawn: ' + error);
      finished(element);
    };
    if (failed) { say(element, failed[0], failed[1]); finished(element); return Promise.resolve(); }
    try {
      var chart = page.charts[Number(element.getAttribute('data-stemlib-chart'))];
      var spec = chart.spec;
      (spec.data || []).forEach(function (data) {
        if ('stemlib_values' in data) {
          // Each view gets its own copy: Vega's transforms write into the rows they are given.
          data.values = structuredClone(page.datasets[data.stemlib_values]);
          delete data.stemlib_values;
        }
      });
      // vega-embed in Vega mode: its tooltips and number locale, and no Vega-Lite compiler at work.
      var options = {mode: 'vega', actions: false, renderer: 'svg'};
      if (chart.locale) options.formatLocale = chart.locale;
      return window.vegaEmbed(element, spec, options).then(function () { finished(element); }, fail);
    } catch (error) {
      fail(error);
      return Promise.resolve();
    }
  }

  function waitingChart() {
    var charts = Array.prototype.slice.call(waiting());
    return charts.filter(function (c) { return inView.has(c); })[0] || charts[0];
  }

  function next() {
    // Chart after chart, those in view first, in slices of about SLICE_MS: between slices the browser shows
    // what is drawn and answers the reader. Measured on a phone (CPU x4, docs/benchmarks.md): a slice per chart
    // let the browser lay out and paint the page after each one, which made the last chart come a fifth later;
    // one slice for all blocked a page of 170 small charts for seconds.
    var start = performance.now();
    watch();
    (function one() {
      var chart = waitingChart();
      if (!chart) {
        // All read so far are drawn: those the browser has yet to read come after it has read the page.
        if (isParsed) allDrawn(); else parsed.then(next);
        return;
      }
      draw(chart).then(function () {
        if (performance.now() - start < SLICE_MS) one(); else setTimeout(next, 0);
      });
    })();
  }

  function drawAll() {
    // Before printing: every chart now (Vega renders in microtasks, which run before the browser lays out
    // the printed page).
    if ((page && window.vegaEmbed) || failed) Array.prototype.forEach.call(waiting(), draw);
  }

  if ('IntersectionObserver' in window) {
    observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) inView.add(entry.target); else inView.delete(entry.target);
      });
    }, {rootMargin: '200px 0px'});
    watch();
  }
  window.addEventListener('beforeprint', drawAll);
  if (window.matchMedia) {
    var print = window.matchMedia('print');
    var onPrint = function (query) { if (query.matches) drawAll(); };
    if (print.addEventListener) print.addEventListener('change', onPrint); else print.addListener(onPrint);
  }

  // ---------------------------------------------------------------- unpacking
  // Unpacking starts at once (the browser does most of it off the page's thread); the runtime starts only after
  // the first paint. Measured: the first chart came 0.25 s sooner on a short page, 1.5 s on a long one.
  var painted = afterFirstPaint();
  var ready = unpack('stemlib-page-data')
    .then(function (text) { page = JSON.parse(text); });
  ready.catch(function () {});  // a browser that cannot unpack: the charts and the links say so when used

  if (document.getElementById('stemlib-vega-runtime')) {
    // Both blocks unpack at once, while the browser reads the rest of the page; the runtime starts when both are
    // in and the first screen is painted, and draws the charts read so far, then the others.
    var runtime = unpack('stemlib-vega-runtime');
    var started = Promise.all([ready, runtime, painted]).then(function (done) {
      performance.mark('stemlib-charts-start');
      var script = document.createElement('script');
      script.textContent = done[1];
      document.head.appendChild(script);
      if (!window.vegaEmbed) throw new Error('the Vega runtime did not start');
    }).catch(function (error) {
      failed = ['Diagrammerne kan ikke vises i denne browser (' + error.message + '); tabellerne viser de samme tal.',
                'This browser cannot show the charts (' + error.message + '); the tables show the same figures.'];
    });
    started.then(next);
  }

  // ---------------------------------------------------------------- data files
  function csvFile(index) {
    var lines = page.csv.lines;
    return page.csv.files[index].map(function (i) { return lines[i]; }).join('\r\n');
  }

  function prepare(link) {
    if (!page || link.hasAttribute('data-stemlib-ready')) return;
    var blob = new Blob([csvFile(Number(link.getAttribute('data-stemlib-csv')))], {type: 'text/csv;charset=utf-8'});
    link.href = URL.createObjectURL(blob);
    link.setAttribute('data-stemlib-ready', '');
  }

  parsed.then(function () {
    Array.prototype.forEach.call(document.querySelectorAll('a[data-stemlib-csv]'), function (link) {
      ['pointerenter', 'focus', 'contextmenu', 'touchstart'].forEach(function (type) {
        link.addEventListener(type, function () { prepare(link); }, {passive: true});
      });
      link.addEventListener('click', function (event) {
        if (page) { prepare(link); return; }  // the link now holds its file; the browser saves it
        event.preventDefault();  // clicked before the page's data was unpacked: save it once it is
        ready.then(function () { prepare(link); link.click(); }, function () {
          say(link.parentNode, 'Denne browser kan ikke gemme filen (den er for gammel).',
              'This browser cannot save the file (it is too old).');
        });
      });
    });
  });
})();
