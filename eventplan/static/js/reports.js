// Report dashboard charts, drawn from the JSON in #report-data (no inline script: CSP).
(function () {
  var source = document.getElementById("report-data");
  if (!source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var colours = {held: "#198754", planned: "#6c757d", postponed: "#ffc107", cancelled: "#dc3545"};
  var charts = {};
  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) { charts[id] = new Chart(canvas, config); }
  }
  var base = {responsive: true, maintainAspectRatio: false, animation: false};
  draw("chart-months", {
    type: "bar",
    data: {
      labels: data.months.labels,
      datasets: data.months.series.map(function (s) {
        return {label: s.label, data: s.data, backgroundColor: colours[s.key]};
      })
    },
    options: Object.assign({}, base, {scales: {x: {stacked: true}, y: {stacked: true, beginAtZero: true}}})
  });
  // One bar per region, every name shown: the box grows with the number of regions
  // (CSSOM, which the CSP allows, not a style attribute).
  var regionCanvas = document.getElementById("chart-regions");
  if (regionCanvas) {
    regionCanvas.parentNode.style.height = Math.max(280, data.regions.labels.length * 22 + 60) + "px";
  }
  draw("chart-regions", {
    type: "bar",
    data: {labels: data.regions.labels,
           datasets: [{label: data.regions.label, data: data.regions.data, backgroundColor: "#0d6efd"}]},
    options: Object.assign({}, base, {indexAxis: "y", scales: {
      x: {min: 0, max: 100, ticks: {callback: function (value) { return value + "%"; }}},
      y: {ticks: {autoSkip: false}}
    }})
  });
  draw("chart-media", {
    type: "bar",
    data: {labels: data.media.labels,
           datasets: [{label: data.media.label, data: data.media.data, backgroundColor: "#6f42c1"}]},
    options: Object.assign({}, base, {plugins: {legend: {display: false}}})
  });
  window.reportCharts = charts;  // for tests and the browser console
})();
