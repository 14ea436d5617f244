/* An open edit form asks every 5 s whether a colleague saved its sentence meanwhile (the
   .edit-stale element, hx-get every 5s; sentence_watch answers 204, or 286 with a warning
   that htmx swaps in and then stops asking). That asking is background work, not something
   the editor did: the page's own request handling (review.js: messages next to what was
   tried, drafts, focus) must not see it, or a passing 503 would say "nothing was saved"
   inside the form, and each ask would clear a message the form is showing. So its htmx
   events stop here, before the listeners on the document. */
(function () {
  "use strict";
  var EVENTS = ["htmx:beforeRequest", "htmx:afterRequest", "htmx:beforeSwap",
    "htmx:responseError", "htmx:sendError", "htmx:timeout", "htmx:beforeOnLoad"];
  EVENTS.forEach(function (name) {
    document.addEventListener(name, function (event) {
      var elt = event.target;
      if (elt && elt.classList && elt.classList.contains("edit-stale")) event.stopPropagation();
    }, true);
  });
})();
