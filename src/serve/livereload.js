// Live reload for `kennisbank serve`. The server adds this script to every
// page it serves; a built site never contains it. It waits (long polling) for
// the next build and reloads the page once that build is complete.
(function () {
  "use strict";
  var script = document.currentScript;
  var build = script && script.getAttribute("data-build");
  if (!build) {
    return;
  }
  var overlay = document.getElementById("kennisbank-fouten");
  if (overlay) {
    var close = overlay.querySelector("button");
    if (close) {
      close.hidden = false;
      close.addEventListener("click", function () {
        overlay.hidden = true;
      });
    }
  }
  var delay = 250;
  function poll() {
    fetch("/__kennisbank/wait?since=" + encodeURIComponent(build), { cache: "no-store" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        return response.json();
      })
      .then(function (state) {
        delay = 250;
        if (state.build !== build) {
          window.location.reload();
        } else {
          poll();
        }
      })
      .catch(function () {
        // The server is restarting or busy: try again, less and less often.
        window.setTimeout(poll, delay);
        delay = Math.min(delay * 2, 5000);
      });
  }
  poll();
})();
