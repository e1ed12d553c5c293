// Moves the progress bar of a spreadsheet check or import while the page stays open. Without this script
// the page's "Refresh" link does the same. The page never reloads by itself: when the work is done the
// link turns into "Show the result", and a status message says so to screen readers.
(function () {
  "use strict";
  var box = document.querySelector("[data-progress-url]");
  if (!box || !window.fetch) {
    return;
  }
  var bar = box.querySelector("progress");
  var text = box.querySelector("[data-progress-text]");
  var done = box.querySelector("[data-progress-done]");
  var link = box.querySelector("[data-progress-refresh]");

  function show(progress) {
    if (progress.determinate) {
      bar.max = Math.max(progress.rows_total, 1);
      bar.value = progress.rows_done;
    } else {
      bar.removeAttribute("value");
    }
    text.textContent = progress.text;
    if (progress.running) {
      window.setTimeout(poll, 1000);
    } else {
      link.textContent = box.getAttribute("data-done-label");
      done.textContent = box.getAttribute("data-done-message");
    }
  }

  function poll() {
    fetch(box.getAttribute("data-progress-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : Promise.reject(response.status);
      })
      .then(show)
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }

  window.setTimeout(poll, 1000);
})();
