// factcheck HTML report: selecting figures, filters and keys. No network, no eval, no
// HTML built from strings: the evidence is already in the page, this only shows it.
(function () {
  "use strict";
  var body = document.body;
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.fig"));
  var filter = "";
  var current = null; // the id of the selected figure ("d1-f3"), or null

  function all(selector) {
    return Array.prototype.slice.call(document.querySelectorAll(selector));
  }

  function shown(verdict) {
    return !filter || verdict === filter;
  }

  function clear() {
    if (current === null) return;
    var mark = document.getElementById(current);
    var detail = document.getElementById(current + "-detail");
    if (mark) {
      mark.classList.remove("selected");
      mark.setAttribute("aria-expanded", "false");
    }
    if (detail) {
      detail.hidden = true;
      var panel = detail.closest(".panel");
      panel.classList.remove("open");
      panel.querySelector(".overview").hidden = false;
    }
    current = null;
  }

  // Show the evidence of figure ``id``; ``how`` says what gets the focus.
  function select(id, how) {
    var detail = document.getElementById(id + "-detail");
    if (!detail) return;
    clear();
    current = id;
    var panel = detail.closest(".panel");
    panel.querySelector(".overview").hidden = true;
    panel.classList.add("open");
    detail.hidden = false;
    panel.scrollTop = 0;
    var mark = document.getElementById(id);
    if (mark) {
      mark.classList.add("selected");
      mark.setAttribute("aria-expanded", "true");
      if (how === "mark") {
        mark.focus({ preventScroll: true });
        mark.scrollIntoView({ block: "center", behavior: "auto" });
      }
    } else if (how === "mark") {
      detail.focus();
    }
  }

  // The figures n/p step through: the filtered verdict, or everything not consistent.
  function steps() {
    var flagged = marks.filter(function (m) {
      var v = m.getAttribute("data-verdict");
      return filter ? v === filter : v !== "consistent";
    });
    return flagged.length ? flagged : marks.filter(function (m) { return !m.classList.contains("off"); });
  }

  function step(by) {
    var list = steps();
    if (!list.length) return;
    var at = -1;
    for (var i = 0; i < list.length; i++) {
      if (list[i].id === current) at = i;
    }
    if (at < 0 && document.activeElement && list.indexOf(document.activeElement) >= 0) {
      at = list.indexOf(document.activeElement);
    }
    var next = at < 0 ? (by > 0 ? 0 : list.length - 1) : (at + by + list.length) % list.length;
    select(list[next].id, "mark");
  }

  function setFilter(verdict) {
    filter = verdict;
    all(".chip").forEach(function (chip) {
      chip.setAttribute("aria-pressed", String(chip.getAttribute("data-filter") === verdict));
    });
    if (verdict) body.setAttribute("data-filter", verdict);
    else body.removeAttribute("data-filter");
    marks.forEach(function (m) {
      var on = shown(m.getAttribute("data-verdict"));
      m.classList.toggle("off", !on);
      m.tabIndex = on ? 0 : -1;
      m.setAttribute("aria-disabled", String(!on));
    });
    all(".sugg, .flagged li, .detail").forEach(function (el) {
      var v = el.getAttribute("data-verdict") || el.className.replace(/^.*\bv-(\w+).*$/, "$1");
      el.classList.toggle("off", !shown(v));
    });
    if (current !== null) {
      var mark = document.getElementById(current);
      if (mark && mark.classList.contains("off")) clear();
    }
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    var mark = target.closest("mark.fig");
    if (mark) {
      if (mark.classList.contains("off")) return;
      if (mark.id === current) clear();
      else select(mark.id, "none");
      return;
    }
    var chip = target.closest(".chip");
    if (chip) {
      var wanted = chip.getAttribute("data-filter");
      setFilter(wanted === filter ? "" : wanted);
      return;
    }
    var item = target.closest(".flagged button");
    if (item) {
      select(item.getAttribute("data-target"), "mark");
      return;
    }
    if (target.closest(".detail .close")) {
      var back = document.getElementById(current || "");
      clear();
      if (back) back.focus();
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target instanceof Element && target.closest("input, textarea, select, [contenteditable]")) return;
    var mark = target instanceof Element ? target.closest("mark.fig") : null;
    if (mark && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      if (!mark.classList.contains("off")) select(mark.id, "none");
      return;
    }
    if (event.key === "n" || event.key === "j") step(1);
    else if (event.key === "p" || event.key === "k") step(-1);
    else if (event.key === "Escape" && current !== null) {
      var back = document.getElementById(current);
      clear();
      if (back) back.focus();
    } else return;
    event.preventDefault();
  });

  body.classList.add("js");
})();
