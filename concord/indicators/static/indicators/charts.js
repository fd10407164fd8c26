/* Draws the indicators' charts with Chart.js (and the map with chartjs-chart-geo).
   Each <canvas data-chart="ID"> reads its data from <script type="application/json" id="ID">,
   written by concord/indicators/views/charts.py. Every word shown comes from that data, already
   translated; this file only draws. The figures are also in a table beside each chart. */
(function () {
  "use strict";

  // Colours with at least 3:1 contrast on white (WCAG 1.4.11), each line also with its own
  // point shape, so that no line is told apart by colour alone.
  var COLOURS = ["#0072b2", "#c2410c", "#007a5a", "#aa3377", "#1b1f24", "#8a6100", "#5b3a8c", "#4f5861"];
  var SHAPES = ["circle", "rect", "triangle", "rectRot", "star", "crossRot", "rectRounded", "cross"];
  var HIGHLIGHT = "#c2410c";

  function read(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    return source ? JSON.parse(source.textContent) : null;
  }

  function axisTitle(text) {
    return { display: true, text: text };
  }

  // Periods sit on a time axis at their first day (spec.positions, in years), labelled by code.
  function trend(canvas, spec) {
    var drawn = 0;
    var codes = new Map(spec.positions.map(function (position, index) { return [position, spec.labels[index]]; }));
    function points(data) {
      return data.map(function (y, index) { return { x: spec.positions[index], y: y }; });
    }
    var datasets = spec.datasets.map(function (set) {
      if (set.target) {
        return {
          label: set.label, data: points(set.data), borderColor: "#1b1f24", backgroundColor: "#1b1f24",
          borderDash: [6, 4], borderWidth: 2, pointRadius: 0, spanGaps: true,
        };
      }
      var colour = COLOURS[drawn % COLOURS.length];
      var shape = SHAPES[drawn % SHAPES.length];
      drawn += 1;
      return {
        label: set.label, data: points(set.data), borderColor: colour, backgroundColor: colour,
        pointStyle: shape, pointRadius: 4, borderWidth: 2, spanGaps: false,
      };
    });
    return new Chart(canvas, {
      type: "line",
      data: { datasets: datasets },
      options: {
        maintainAspectRatio: false,
        scales: {
          x: {
            type: "linear",
            min: spec.positions[0],
            max: spec.positions[spec.positions.length - 1],
            afterBuildTicks: function (axis) {
              axis.ticks = spec.positions.map(function (position) { return { value: position }; });
            },
            ticks: { callback: function (value) { return codes.get(value); } },
          },
          y: { title: axisTitle(spec.axis) },
        },
        plugins: {
          legend: { position: "bottom", labels: { usePointStyle: true } },
          tooltip: {
            callbacks: { title: function (items) { return items.length ? codes.get(items[0].parsed.x) : ""; } },
          },
        },
      },
    });
  }

  // A long name becomes lines of about `width` characters, so that it is read whole on a phone.
  function wrap(label, width) {
    var lines = [];
    label.split(" ").forEach(function (word) {
      var last = lines.length - 1;
      if (last >= 0 && (lines[last] + " " + word).length <= width) {
        lines[last] += " " + word;
      } else {
        lines.push(word);
      }
    });
    return lines;
  }

  function bars(canvas, spec) {
    var highlighted = new Set(spec.highlight || []);
    var colours = spec.labels.map(function (_label, index) {
      return highlighted.has(index) ? HIGHLIGHT : COLOURS[0];
    });
    var narrow = canvas.parentElement.clientWidth < 560;
    var labels = spec.labels.map(function (label) { return narrow ? wrap(label, 16) : label; });
    var rows = labels.reduce(function (total, label) { return total + (Array.isArray(label) ? label.length : 1); }, 0);
    canvas.parentElement.style.height = (rows * 1.1 + spec.labels.length + 5) + "rem";
    return new Chart(canvas, {
      type: "bar",
      data: {
        labels: labels,
        datasets: spec.datasets.map(function (set) {
          return { label: set.label, data: set.data, backgroundColor: colours, borderWidth: 0 };
        }),
      },
      options: {
        indexAxis: "y",
        maintainAspectRatio: false,
        scales: { x: { title: axisTitle(spec.axis) }, y: { ticks: { autoSkip: false } } },
        plugins: { legend: { display: false } },
      },
    });
  }

  // From light to dark blue: the lightest figure still stands apart from a country without one.
  var LIGHT = [158, 202, 225];
  var DARK = [8, 48, 107];
  function shade(t) {
    var rgb = LIGHT.map(function (light, index) { return Math.round(light + (DARK[index] - light) * t); });
    return "rgb(" + rgb.join(",") + ")";
  }

  function map(canvas, spec) {
    if (!window.ChartGeo) { return null; }
    return fetch(spec.geometry).then(function (response) { return response.json(); }).then(function (world) {
      var countries = ChartGeo.topojson.feature(world, world.objects.countries).features;
      var figures = new Map(spec.countries.map(function (country) { return [country.id, country]; }));
      return new Chart(canvas, {
        type: "choropleth",
        data: {
          labels: countries.map(function (feature) {
            var figure = figures.get(feature.id);
            return figure ? figure.name : "";
          }),
          datasets: [{
            label: spec.axis,
            outline: countries,
            showOutline: true,
            borderColor: "#8a939c",
            borderWidth: 0.5,
            data: countries.map(function (feature) {
              var figure = figures.get(feature.id);
              return { feature: feature, value: figure ? figure.value : null, text: figure ? figure.text : spec.missing };
            }),
          }],
        },
        options: {
          maintainAspectRatio: true,
          aspectRatio: 1.8,
          scales: {
            projection: { axis: "x", projection: "equalEarth" },
            color: {
              axis: "x",
              missing: "#f3f4f6",
              interpolate: shade,
              legend: { position: "bottom-left", align: "bottom", length: Math.min(180, canvas.parentElement.clientWidth / 3) },
            },
          },
          plugins: {
            legend: { display: false },
            tooltip: {
              callbacks: {
                label: function (item) {
                  var name = item.chart.data.labels[item.dataIndex];
                  return name ? name + ": " + item.raw.text : item.raw.text;
                },
              },
            },
          },
        },
      });
    });
  }

  var DRAW = { trend: trend, bars: bars, map: map };

  function drawAll() {
    if (!window.Chart) { return; }
    if (window.ChartGeo) {
      Chart.register(ChartGeo.ChoroplethController, ChartGeo.GeoFeature, ChartGeo.ColorScale, ChartGeo.ProjectionScale);
    }
    Chart.defaults.locale = document.documentElement.lang || "en";
    Chart.defaults.animation = false;
    Chart.defaults.font.size = 13;
    Chart.defaults.color = "#1b1f24";
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var spec = read(canvas);
      if (spec && DRAW[spec.kind]) {
        Promise.resolve(DRAW[spec.kind](canvas, spec)).then(function () {
          canvas.dataset.drawn = "true";
        });
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
}());
