// The editor's row tools (add, remove, reorder), dependent 一级/二级 dropdowns and 指标库 suggestions; the to-do
// chart and the 统计 charts with their table views; the official layout's column widths; the 返回上一页 link.
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
  // 指标库: typing a 三级指标 name lists the library's entries for the row's 二级 and the project's kind; picking
  // one writes its name, fills the 指标值's operator and unit (the typical value as a placeholder) and an empty
  // 指标值设置依据 with the basis most used, and marks the row as taken from the library. Changing the name afterwards takes the mark away.
  var OPERATORS = { ">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "=" };
  var suggestTimer = null;
  function suggestList(row) { return row.querySelector("[data-suggest-list]"); }
  function closeSuggestions(row) {
    var list = row && suggestList(row);
    if (list) { list.hidden = true; list.innerHTML = ""; }
  }
  function typicalText(entry) {
    var t = entry.typical && entry.typical[0];
    if (!t) return "无数值指标值";
    var unit = t.unit || "";
    return "中位数 " + t.median + unit + "（四分位 " + t.q1 + "–" + t.q3 + unit + "，" + t.count + " 个）";
  }
  function showSuggestions(row, found) {
    var list = suggestList(row);
    list.innerHTML = "";
    found.forEach(function (entry, index) {
      var item = document.createElement("button");
      item.type = "button";
      item.className = "suggestion" + (index === 0 ? " active" : "");
      item.setAttribute("role", "option");
      item.setAttribute("data-suggestion", JSON.stringify(entry));
      var head = document.createElement("b");
      head.textContent = (entry.recommended ? "★ " : "") + entry.name;
      var where = document.createElement("span");
      where.className = "muted";
      where.textContent = " " + (entry.kind === "全部" ? "各类项目" : entry.kind + "类") + " · 用过 " + entry.count + " 次";
      var typical = document.createElement("span");
      typical.className = "typical";
      typical.textContent = "常见指标值：" + typicalText(entry) + (entry.unit ? "；单位 " + entry.unit : "");
      item.appendChild(head); item.appendChild(where); item.appendChild(typical);
      list.appendChild(item);
    });
    list.hidden = !found.length;
  }
  function askLibrary(row) {
    var form = document.getElementById("editor-form"), name = row.querySelector("textarea[name=ind-name]");
    if (!form || !name) return;
    var query = name.value.trim();
    if (query.length < 2) { closeSuggestions(row); return; }
    var level2 = row.querySelector("[data-level2]"), project = form.querySelector("[name=project_name]");
    var url = form.getAttribute("data-suggest-url") + "?q=" + encodeURIComponent(query) +
      "&level2=" + encodeURIComponent(level2 ? level2.value : "") +
      "&project=" + encodeURIComponent(project ? project.value : "");
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (answer) { return answer.ok ? answer.json() : { suggestions: [] }; })
      .then(function (data) {
        if (name.value.trim() === query) showSuggestions(row, data.suggestions || []);
      })
      .catch(function () { closeSuggestions(row); });
  }
  function setMark(row, key, picked) {
    var mark = row.querySelector("[data-library-mark]"), badge = row.querySelector("[data-library-badge]");
    mark.value = key; mark.setAttribute("data-picked", picked);
    badge.hidden = !key;
    if (key) badge.title = "取自指标库：" + key;
  }
  function pick(row, entry) {
    var name = row.querySelector("textarea[name=ind-name]"), target = row.querySelector("[name=ind-target]");
    name.value = entry.name;
    setMark(row, entry.key, entry.name);
    if (target && !target.value.trim()) {
      var sign = OPERATORS[entry.operator] || "";
      target.value = sign + (entry.unit || "");
      target.placeholder = entry.placeholder ? "常见 " + entry.placeholder : "";
      target.focus();
      target.setSelectionRange(sign.length, sign.length);
    }
    var basis = row.querySelector("[name=ind-basis]");
    if (basis && !basis.value.trim() && entry.basis && entry.basis.length) basis.value = entry.basis[0].basis;
    closeSuggestions(row);
    changed();
  }
  document.addEventListener("input", function (event) {
    var field = event.target;
    if (!field.matches || !field.matches("textarea[name=ind-name]")) return;
    var row = field.closest("tr"), mark = row.querySelector("[data-library-mark]");
    if (mark && mark.value && field.value.trim() !== mark.getAttribute("data-picked")) setMark(row, "", "");
    clearTimeout(suggestTimer);
    suggestTimer = setTimeout(function () { askLibrary(row); }, 250);
  });
  document.addEventListener("keydown", function (event) {
    var field = event.target;
    if (!field.matches || !field.matches("textarea[name=ind-name]")) return;
    var row = field.closest("tr"), list = suggestList(row);
    if (!list || list.hidden) return;
    var items = Array.prototype.slice.call(list.querySelectorAll(".suggestion"));
    var at = items.findIndex(function (item) { return item.classList.contains("active"); });
    if (event.key === "Escape") { closeSuggestions(row); event.preventDefault(); }
    else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (at >= 0) items[at].classList.remove("active");
      at = (at + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      items[at].classList.add("active");
    } else if (event.key === "Enter" && at >= 0) {
      event.preventDefault();
      pick(row, JSON.parse(items[at].getAttribute("data-suggestion")));
    }
  });
  document.addEventListener("click", function (event) {
    var item = event.target.closest("[data-suggestion]");
    if (item) { pick(item.closest("tr"), JSON.parse(item.getAttribute("data-suggestion"))); return; }
    document.querySelectorAll("[data-suggest-list]").forEach(function (list) {
      if (!list.hidden && !list.closest("tr").contains(event.target)) closeSuggestions(list.closest("tr"));
    });
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
      xAxis: { type: "value", minInterval: 1, axisLabel: { hideOverlap: true },
               splitLine: { lineStyle: { color: "#edf0f4" } } },
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
        xAxis: { type: "value", minInterval: 1, axisLabel: { hideOverlap: true },
               splitLine: { lineStyle: { color: "#edf0f4" } } },
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
