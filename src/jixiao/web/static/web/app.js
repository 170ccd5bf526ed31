// The editor's row tools (add, remove, reorder) and dependent 一级/二级 dropdowns; the to-do chart and the 统计
// charts with their table views; the official layout's column widths; the 返回上一页 link.
(function () {
  "use strict";
  function taxonomy() {
    var node = document.getElementById("taxonomy");
    return node ? JSON.parse(node.textContent) : {};
  }
  function fillLevel2(row) {
    var level1 = row.querySelector("[data-level1]"), level2 = row.querySelector("[data-level2]");
    if (!level1 || !level2) return;
    var allowed = taxonomy()[level1.value] || [], current = level2.value;
    level2.innerHTML = "";
    var options = allowed.slice();
    if (current && options.indexOf(current) < 0 && !allowed.length) options.unshift(current);
    options.forEach(function (name) {
      var option = document.createElement("option");
      option.textContent = name;
      option.selected = name === current;
      level2.appendChild(option);
    });
  }
  // A 400 from the live review names the value that does not fit: show it in the panel like any answer.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status === 400) { event.detail.shouldSwap = true; event.detail.isError = false; }
  });
  function changed() { document.body.dispatchEvent(new Event("rows-changed")); }
  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-level1]")) fillLevel2(event.target.closest("tr"));
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) return;
    var row = button.closest("tr");
    if (button.hasAttribute("data-add-row")) {
      var template = document.getElementById("row-template");
      var body = document.querySelector("#indicator-rows tbody");
      var fresh = template.content.querySelector("tr").cloneNode(true);
      var last = body.querySelector("tr:last-child");
      if (last) {  // a new row continues the last one's 一级/二级
        fresh.querySelector("[data-level1]").value = last.querySelector("[data-level1]").value;
        fillLevel2(fresh);
        fresh.querySelector("[data-level2]").value = last.querySelector("[data-level2]").value;
      }
      body.appendChild(fresh);
      fresh.querySelector("textarea").focus();
      changed();
    } else if (button.hasAttribute("data-remove") && row) {
      row.remove(); changed();
    } else if (button.hasAttribute("data-move") && row) {
      var up = button.getAttribute("data-move") === "-1";
      var sibling = up ? row.previousElementSibling : row.nextElementSibling;
      if (sibling) { up ? sibling.before(row) : sibling.after(row); changed(); }
    }
  });
  // Column widths of the official layout come as data (the Content-Security-Policy allows no style attribute).
  function sizeColumns(root) {
    root.querySelectorAll("col[data-width]").forEach(function (col) {
      col.style.width = col.getAttribute("data-width") + "%";
    });
  }
  document.addEventListener("htmx:afterSwap", function (event) { sizeColumns(event.target); });
  document.addEventListener("click", function (event) {
    var back = event.target.closest("a[data-back]");
    if (back && window.history.length > 1) { event.preventDefault(); window.history.back(); }
  });
  // A 统计 chart: horizontal bars, one row per category (a department, a unit, a rule), its series stacked or
  // side by side; drawn from the numbers its data attribute holds, the same numbers its table shows.
  function dashboardChart(node) {
    var data = JSON.parse(node.getAttribute("data-dashboard-chart"));
    var rows = data.categories.length, bars = data.stacked ? 1 : data.series.length;
    node.style.height = Math.max(160, 70 + rows * (10 + 14 * bars)) + "px";
    var narrow = node.clientWidth < 480;
    var chart = window.echarts.init(node);
    chart.setOption({
      animation: false,
      legend: { top: 0, type: narrow ? "scroll" : "plain", itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 12 } },
      grid: { left: 8, right: 36, top: 30, bottom: 8, containLabel: true },
      xAxis: { type: "value", minInterval: 1, splitLine: { lineStyle: { color: "#edf0f4" } } },
      yAxis: { type: "category", inverse: true, data: data.categories, axisTick: { show: false },
               axisLabel: { width: narrow ? 110 : 220, overflow: "truncate", fontSize: 12 } },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      series: data.series.map(function (s) {
        return { name: s.name, type: "bar", stack: data.stacked ? "all" : undefined, barMaxWidth: 18,
                 itemStyle: { color: s.color }, data: s.values,
                 label: { show: !data.stacked, position: "right", fontSize: 11 } };
      })
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest("[data-toggle-table]");
    if (!toggle) return;
    var table = document.getElementById(toggle.getAttribute("data-toggle-table"));
    var shown = table.classList.toggle("sr-only") === false;
    toggle.setAttribute("aria-expanded", shown ? "true" : "false");
    toggle.textContent = shown ? "收起表格" : "表格";
  });
  document.addEventListener("DOMContentLoaded", function () {
    sizeColumns(document);
    if (window.echarts) document.querySelectorAll("[data-dashboard-chart]").forEach(dashboardChart);
    var chart = document.getElementById("status-chart");
    if (chart && window.echarts) {
      var data = JSON.parse(chart.getAttribute("data-chart"));
      window.echarts.init(chart).setOption({
        animation: false,
        grid: { left: 70, right: 30, top: 10, bottom: 20 },
        xAxis: { type: "value", minInterval: 1, splitLine: { lineStyle: { color: "#edf0f4" } } },
        yAxis: { type: "category", inverse: true, data: data.map(function (d) { return d.name; }),
                 axisTick: { show: false } },
        tooltip: { trigger: "axis" },
        series: [{ type: "bar", barWidth: 16, label: { show: true, position: "right" },
                   data: data.map(function (d, i) {
                     return { value: d.value, itemStyle: { color: ["#8a96a3", "#2f6fa3", "#c0392b", "#2e7d4f", "#1f4e79"][i] } };
                   }) }]
      });
    }
  });
})();
