/* The Inbox badge stays live: every few seconds (the link's data-poll) the page asks for the
   unread count and updates "Inbox (n)"; when it grows, #inbox-live (aria-live) says so once.
   A hidden tab does not ask; a failed ask waits longer (up to 2 minutes) before the next.
   Without JavaScript the count is the one each page shows when it loads. */
(function () {
  "use strict";
  var link = document.getElementById("inbox-link");
  if (!link || !window.fetch) return;
  var url = link.dataset.unreadUrl;
  var every = Math.max(1, parseInt(link.dataset.poll, 10) || 20) * 1000;
  var count = parseInt(link.dataset.unread, 10) || 0;
  var wait = every;

  function show(unread) {
    link.textContent = "Inbox (" + unread + ")";
    link.classList.toggle("has-unread", unread > 0);
    link.dataset.unread = String(unread);
    var live = document.getElementById("inbox-live");
    if (live && unread > count) {
      live.textContent = unread === 1 ? "1 unread notification in your Inbox."
        : unread + " unread notifications in your Inbox.";
    }
    count = unread;
  }

  function ask() {
    if (document.hidden) { schedule(); return; }
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok || !/json/.test(response.headers.get("Content-Type") || "")) {
          throw new Error("no count");
        }
        return response.json();
      })
      .then(function (data) {
        wait = every;
        if (typeof data.unread === "number") show(data.unread);
      })
      .catch(function () { wait = Math.min(120000, wait * 2); })
      .then(schedule);
  }

  var timer = null;
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(ask, wait);
  }
  // Coming back to the tab asks at once: the number is what a returning reader looks for.
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) { clearTimeout(timer); ask(); }
  });
  schedule();
})();
