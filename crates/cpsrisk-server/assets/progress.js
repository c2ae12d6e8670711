// Progress for anything slow: a form post, a page load, a download. The page gets
// aria-busy at once; the "working" notice (#busy, role=status) becomes visible after a second
// through a CSS animation delay (app.css), and its text is set when that animation starts,
// so screen readers hear it only for what really takes long. htmx requests use htmx's own
// indicator classes with the same delay. No inline script: the CSP allows only this server's.
(function () {
  "use strict";
  function notice() { return document.getElementById("busy"); }

  // The class goes on the notice alone: a class on <html> would restyle the whole page,
  // which for a large model in the editor blocks the browser for seconds.
  function start() {
    var main = document.getElementById("main"), n = notice();
    if (main) main.setAttribute("aria-busy", "true");
    if (n) n.classList.add("active");
  }

  function stop() {
    var main = document.getElementById("main"), n = notice();
    if (main) main.removeAttribute("aria-busy");
    if (n) {
      n.classList.remove("active");
      n.textContent = "";
    }
  }

  // The delayed animation started: the wait is long enough to say so.
  document.addEventListener("animationstart", function (ev) {
    var n = notice();
    if (ev.target === n && n.classList.contains("active")) {
      n.textContent = n.getAttribute("data-label");
    }
  });

  document.addEventListener("submit", function (ev) {
    if (!ev.defaultPrevented) start();
  });

  // The file name a download gets: the link's own, the server's, else the link text.
  function fileName(link, response) {
    var given = link.getAttribute("download");
    if (given) return given;
    var disposition = response.headers.get("content-disposition") || "";
    var m = /filename="([^"]+)"/.exec(disposition);
    return m ? m[1] : link.textContent.trim();
  }

  // Downloads are fetched so that the notice can end when the file has arrived.
  function download(link) {
    start();
    fetch(link.href, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) { window.location.href = link.href; return null; }
      return response.blob().then(function (blob) {
        var url = URL.createObjectURL(blob), a = document.createElement("a");
        a.href = url;
        a.download = fileName(link, response);
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 0);
      });
    }).catch(function () { window.location.href = link.href; }).then(stop, stop);
  }

  document.addEventListener("click", function (ev) {
    if (ev.defaultPrevented || ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
    var link = ev.target.closest ? ev.target.closest("a[href]") : null;
    // (The blob: link download() clicks is the file itself, not another download to fetch.)
    if (!link || link.origin !== window.location.origin || link.target || link.protocol === "blob:") return;
    if (link.hasAttribute("download")) {
      ev.preventDefault();
      download(link);
    } else if (link.getAttribute("href").charAt(0) !== "#") {
      start();
    }
  });

  // Coming back through the history shows the page as it was left: not busy.
  window.addEventListener("pageshow", stop);
})();
