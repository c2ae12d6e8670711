// The model editor: line numbers beside the text, lines with diagnostics marked, jump to a
// diagnostic's line, apply a near-miss suggestion, load a local file. No inline script: the
// page's CSP allows scripts from this server only.
(function () {
  "use strict";
  function editor() { return document.getElementById("content"); }

  function problemLines() {
    var lines = new Set();
    document.querySelectorAll("#diagnostics li[data-line]").forEach(function (li) {
      lines.add(Number(li.getAttribute("data-line")));
    });
    return lines;
  }

  function renderGutter() {
    var text = editor(), gutter = document.getElementById("gutter");
    if (!text || !gutter) return;
    var count = text.value.split("\n").length, bad = problemLines();
    gutter.textContent = "";
    for (var i = 1; i <= count; i++) {
      var span = document.createElement("span");
      span.id = "line-" + i;
      span.textContent = String(i);
      if (bad.has(i)) span.className = "err";
      gutter.appendChild(span);
      gutter.appendChild(document.createTextNode("\n"));
    }
    gutter.scrollTop = text.scrollTop;
  }

  // The offset of LINE:COLUMN (both from 1) in the text.
  function offset(text, line, column) {
    var lines = text.split("\n"), at = 0;
    for (var i = 0; i < line - 1 && i < lines.length; i++) at += lines[i].length + 1;
    return at + Math.max(0, column - 1);
  }

  function select(line, column, length) {
    var text = editor(), start = offset(text.value, line, column);
    text.focus();
    text.setSelectionRange(start, start + (length || 0));
    var lineHeight = parseFloat(getComputedStyle(text).lineHeight) || 21;
    text.scrollTop = Math.max(0, (line - 3) * lineHeight);
  }

  document.addEventListener("click", function (ev) {
    var target = ev.target.closest ? ev.target.closest("a.goto, button.apply") : null;
    if (!target || !editor()) return;
    ev.preventDefault();
    var line = Number(target.dataset.line), column = Number(target.dataset.column);
    if (target.classList.contains("apply")) {
      var text = editor(), value = text.value, start = offset(value, line, column);
      var word = /^[^\s:,\[\]{}"']+/.exec(value.slice(start));
      var end = start + (word ? word[0].length : 0);
      text.value = value.slice(0, start) + target.dataset.replacement + value.slice(end);
      text.dispatchEvent(new Event("input", { bubbles: true }));
      select(line, column, target.dataset.replacement.length);
    } else {
      select(line, column, 0);
    }
  });

  document.addEventListener("input", function (ev) { if (ev.target === editor()) renderGutter(); });
  document.addEventListener("scroll", function (ev) {
    if (ev.target === editor()) document.getElementById("gutter").scrollTop = ev.target.scrollTop;
  }, true);
  document.addEventListener("htmx:afterSwap", renderGutter);
  document.addEventListener("change", function (ev) {
    if (ev.target.id !== "upload" || !ev.target.files[0]) return;
    ev.target.files[0].text().then(function (t) {
      editor().value = t;
      editor().dispatchEvent(new Event("input", { bubbles: true }));
    });
  });
  document.addEventListener("DOMContentLoaded", renderGutter);
})();
