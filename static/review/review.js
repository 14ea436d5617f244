/* The review page's small amount of JavaScript: choosing words (mouse and keyboard), opening
   the right flag, moving between flags, keyboard shortcuts, and keeping errors in place.
   Every action is also a plain link or form that works without it; htmx (loaded by
   base.html) does the requests.

   THE ERROR CONTRACT between the server and this page (htmx requests only):

   1. Success: 200 with out-of-band fragments (hx-swap-oob), 204 for "nothing changed", or
      HX-Location to reload the review area. As before.
   2. Refused or failed: a status >= 400 that says why —
        400  bad input (a blank reply or reason, a span that no longer fits);
        403  the user's role may not do it;
        404  the thing is gone (a flag, a sentence);
        409  the state changed meanwhile (a stale Resolve, a sentence edited since);
        500  our own failure.
      The message is one sentence saying what to do next, given in one of these ways (the
      first found wins):
        a. the header  HX-Trigger: {"desk:error": {"message": "…", "target": "#thread"}}
           "target" is optional: a CSS selector of an element on the page where the message
           belongs ("body" for the message bar); by default it shows next to what was tried;
        b. a body of type text/plain holding just the message;
        c. HTML fragments re-rendering what was tried with the message inside it: the
           thread with its error list, the form with its field errors, and the current
           state (so a stale thread's actions match the flag again). Fragments are swapped
           for 400, 409 and 422, and for any status when every top-level element carries
           hx-swap-oob or when the response names its target with HX-Retarget.
      Send (a) or (b) even when the fragments (c) show the message too: it shows once.
      Without any of them the page shows a default sentence for the status.
   3. The page never swaps a whole document (<!doctype>, <html>, <body>) into a fragment
      target and never lets one replace the page, whatever the status (django-htmx's DEBUG
      helper did that with every 400/403/404/500; it is stopped here). From such a page
      only its error list, or its title, is shown as the message; a login page says the
      user was logged out.
   4. Where the message shows: inside the form that was sent, else at the top of the
      thread or the flag form, else in the message bar (#desk-alerts). Nothing else on the
      page changes; text typed anywhere in the panel is kept; focus goes to the field to
      fix; live updates carry on (a poll that cannot reach the desk says so quietly and
      clears itself when it can again). A lost connection or a timeout says nothing was
      saved.
*/
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var codePoints = function (s) { return Array.from(s).length; };
  var typing = function (el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  };
  var $ = function (sel, root) { return (root || document).querySelector(sel); };
  var $$ = function (sel, root) { return Array.from((root || document).querySelectorAll(sel)); };
  var canReview = function () { return !!$("#story a.flag-link"); };

  /* Errors stay in place ------------------------------------------------------------------ */

  var DEFAULTS = {
    0: "The desk could not be reached, so nothing was saved. Check your connection and try again.",
    400: "That could not be done as asked; check the form and try again.",
    403: "Your role cannot do that; ask an Editor.",
    404: "That is no longer there; reload the page to see the story as it is now.",
    409: "Someone changed this meanwhile; check what it says now and try again.",
    500: "Something went wrong on the desk's side, so nothing was saved. Try again, or reload the page.",
  };
  var defaultMessage = function (status) {
    return DEFAULTS[status] || (status >= 500 ? DEFAULTS[500] : DEFAULTS[400]);
  };
  var looksLikePage = function (html) { return /<(!doctype|html|body)[\s>]/i.test(html || ""); };

  /* What a response says went wrong, read from HTML we will not swap. */
  var LOGGED_OUT = "You are no longer logged in, so nothing was saved. Log in again in another tab, then try again here (your text is kept).";
  function messageIn(html) {
    var doc = new DOMParser().parseFromString(html || "", "text/html");
    if ($("input[type=password]", doc)) return LOGGED_OUT;
    var items = $$(".errorlist li, [role=alert]", doc).map(function (el) {
      return el.textContent.trim();
    }).filter(Boolean);
    if (items.length) return items.join(" ");
    // A title that is only a status ("403 Forbidden", "Server Error (500)") says less than
    // the page's own sentence for that status.
    var title = doc.title && doc.title.trim();
    return title && title.length < 200 && !/\b[45]\d\d\b/.test(title) ? title : "";
  }

  function onlyFragments(html) {
    var doc = new DOMParser().parseFromString("<body>" + (html || "") + "</body>", "text/html");
    var parts = Array.from(doc.body.children);
    return parts.length > 0 && parts.every(function (el) { return el.hasAttribute("hx-swap-oob"); });
  }

  /* Per request: what was tried and what the server said about it, keyed by the element
     that made the request (htmx names another one in some events: the swap target, or the
     nearest ancestor left when the element itself was swapped away). */
  var tried = new WeakMap();
  var origin = function (detail) {
    return (detail.requestConfig && detail.requestConfig.elt) || detail.elt;
  };

  function requestInfo(elt) {
    var info = tried.get(elt);
    if (!info) { info = {}; tried.set(elt, info); }
    return info;
  }

  // django-htmx's DEBUG helper replaces the whole document with any 400/403/404/500 htmx
  // response (it listens on document). This page handles its own errors: stop it here.
  window.addEventListener("htmx:beforeOnLoad", function (event) {
    var xhr = event.detail && event.detail.xhr;
    if (xhr && xhr.status >= 400 && $("#review")) event.stopPropagation();
  }, true);

  document.addEventListener("desk:error", function (event) {
    var detail = event.detail || {};
    var message = detail.message || detail.value;
    if (!message) return;
    pendingMessage = { text: String(message), where: event.target };
  });
  var pendingMessage = null;

  document.addEventListener("htmx:beforeSwap", function (event) {
    var d = event.detail;
    var status = d.xhr.status;
    var body = d.serverResponse || "";
    var page = looksLikePage(body);
    var info = requestInfo(origin(d));
    var forPage = d.target && (d.target.id === "review" || d.target === document.body);
    if (status < 400) {
      if (page && !forPage) {
        d.shouldSwap = false; // a whole page meant for the address bar, not for a fragment
        info.failed = { status: status, message: messageIn(body) };
      }
      return;
    }
    var plain = (d.xhr.getResponseHeader("Content-Type") || "").toLowerCase().indexOf("text/plain") === 0;
    var message = plain ? body.trim().slice(0, 400) : page ? messageIn(body) : "";
    var retargeted = d.xhr.getResponseHeader("HX-Retarget") !== null;
    var swap = false;
    if (!page && !plain && body.trim()) {
      swap = onlyFragments(body) || retargeted || status === 400 || status === 409 || status === 422;
    }
    d.shouldSwap = swap;
    if (swap) d.isError = false; // the fragments show it in place; reported below
    info.failed = { status: status, message: message, swapped: swap };
  });

  function placeOf(elt, info) {
    var live = elt && document.contains(elt) ? elt : null;
    if (!live && info.formId) live = document.getElementById(info.formId);
    if (live) {
      var form = live.closest("form");
      if (form) return form;
    }
    if (info.regionId) return document.getElementById(info.regionId);
    return null;
  }

  function showAlert(message, opts) {
    opts = opts || {};
    var bar = $("#desk-alerts");
    if (!bar) return null;
    var key = opts.key || "";
    if (key) $$('[data-key="' + key + '"]', bar).forEach(function (el) { el.remove(); });
    var item = document.createElement("div");
    item.className = "desk-alert" + (opts.quiet ? " quiet" : "");
    item.setAttribute("role", opts.quiet ? "status" : "alert");
    if (key) item.dataset.key = key;
    var text = document.createElement("span");
    text.textContent = message;
    item.appendChild(text);
    var close = document.createElement("button");
    close.type = "button";
    close.className = "linkish";
    close.textContent = "Dismiss";
    close.setAttribute("aria-label", "Dismiss this message");
    close.addEventListener("click", function () { item.remove(); });
    item.appendChild(close);
    bar.appendChild(item);
    return item;
  }

  function showError(message, place) {
    if (!place) return showAlert(message);
    // The re-rendered fragment may already say it: say it once.
    var said = $$(".errorlist li, .js-error", place).some(function (el) {
      return el.textContent.trim() === message.trim();
    });
    if (said) return null;
    $$(".js-error", place).forEach(function (el) { el.remove(); });
    var p = document.createElement("p");
    p.className = "js-error errorlist";
    p.setAttribute("role", "alert");
    p.textContent = message;
    if (place.id === "thread") {
      var head = $("#thread-head", place);
      if (head) head.after(p); else place.prepend(p);
    } else if (place.tagName === "FORM") {
      var button = $("button[type=submit], button:not([type])", place);
      if (button && button.parentElement === place) place.insertBefore(p, button);
      else place.appendChild(p);
    } else {
      place.prepend(p);
    }
    return p;
  }

  /* Drafts: text typed anywhere in the panel survives any swap. */
  function snapshotDrafts() {
    var drafts = {};
    $$("#panel textarea, #panel input[type=text], #panel input[type=url], #panel input:not([type])")
      .forEach(function (el) { if (el.id && el.value.trim()) drafts[el.id] = el.value; });
    return drafts;
  }

  function restoreDrafts(drafts, except) {
    Object.keys(drafts || {}).forEach(function (id) {
      if (except && except.indexOf(id) !== -1) return;
      var el = document.getElementById(id);
      if (el && !el.value) el.value = drafts[id];
    });
  }

  var REGIONS = "#flag-form-slot, #thread, .sentence-edit, #review";

  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = origin(event.detail);
    var info = requestInfo(elt);
    info.failed = null;
    var active = document.activeElement;
    info.focusedId = active && active !== document.body && active.id ? active.id : null;
    info.drafts = snapshotDrafts();
    var form = elt.closest && elt.closest("form");
    info.formId = form && form.id ? form.id : null;
    var region = elt.closest && elt.closest(REGIONS);
    info.regionId = region && region.id !== "review" ? region.id : null;
    info.sent = form ? $$("textarea, input", form).map(function (el) { return el.id; }) : [];
    info.focusAfter = null;
    if (elt.id !== "poller" && form && elt.closest("#thread")) {
      info.focusAfter = form.id === "reply-form" ? "reply" : "thread";
    }
    if (form) $$(".js-error", form).forEach(function (el) { el.remove(); });
    if (region && region.id === "thread" && elt.id !== "poller") {
      $$(".js-error", region).forEach(function (el) { el.remove(); });
    }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var elt = origin(event.detail);
    var info = tried.get(elt);
    if (!info) return;
    tried.delete(elt);
    var xhr = event.detail.xhr;
    // No answer at all (connection lost, timed out): htmx reports it after this event.
    var failed = xhr && xhr.status === 0 ? { status: 0, message: "" } : info.failed;
    var said = pendingMessage;
    pendingMessage = null;
    if (elt.id === "poller") {
      if (failed) {
        showAlert("Live updates paused: the desk cannot be reached. Retrying every few seconds…",
          { quiet: true, key: "poll" });
      } else {
        $$('#desk-alerts [data-key="poll"]').forEach(function (el) { el.remove(); });
      }
      return;
    }
    if (!failed) {
      // Typed text elsewhere in the panel (a reply being written while resolving) stays.
      restoreDrafts(info.drafts, info.sent);
      // Focus moves once htmx has wired up the new fragments (when they settle): a key
      // pressed on a form it has not processed yet would post it as a plain page.
      pendingFocus = info.focusAfter;
      return;
    }
    restoreDrafts(info.drafts, null);
    var explicit = (said && said.text) || failed.message;
    var place = placeOf(elt, info);
    if (said && said.where && said.where !== elt && said.where !== document.body &&
        document.contains(said.where)) {
      place = said.where; // the server said where the message belongs
    }
    var shown = null;
    if (explicit) shown = showError(explicit, place);
    else if (!(failed.swapped && place && $(".errorlist", place))) {
      shown = showError(defaultMessage(failed.status), place);
    }
    focusAfterError(info, place, shown);
  });

  /* After a refusal, focus goes to the field to fix: the one typed in, else the first with
     an error, else the form's first field, else the thread's title. */
  function focusAfterError(info, place, shown) {
    var field = info.focusedId && document.getElementById(info.focusedId);
    if (!(field && typing(field))) field = null;
    if (!field && place && place.tagName === "FORM") {
      var wrong = $$(".errorlist", place).map(function (list) {
        var box = list.closest("p, form");
        return box && $("textarea, input:not([type=hidden]), select", box);
      }).filter(Boolean)[0];
      field = wrong || $("textarea, input:not([type=hidden]), select", place);
    }
    var inThread = (place && place.id === "thread") || (shown && shown.closest && shown.closest("#thread"));
    if (!field && inThread) field = $("#thread-title");
    if (field && document.activeElement !== field) field.focus({ preventScroll: true });
  }

  /* Choosing a sentence or words ---------------------------------------------------------- */

  function sentenceOf(node) {
    var el = node && (node.nodeType === 1 ? node : node.parentElement);
    return el ? el.closest(".sentence") : null;
  }

  /* Offsets of `range` inside `sentence`, counted in code points as Python counts them, with
     surrounding spaces trimmed. Null when nothing but spaces is selected. */
  function offsets(sentence, range) {
    var before = document.createRange();
    before.selectNodeContents(sentence);
    var startInside = sentence.contains(range.startContainer);
    if (startInside) before.setEnd(range.startContainer, range.startOffset);
    else before.collapse(true);
    var picked = document.createRange();
    picked.selectNodeContents(sentence);
    if (startInside) picked.setStart(range.startContainer, range.startOffset);
    if (sentence.contains(range.endContainer)) picked.setEnd(range.endContainer, range.endOffset);
    var text = picked.toString();
    var lead = text.length - text.replace(/^\s+/, "").length;
    var trimmed = text.trim();
    if (!trimmed) return null;
    var start = codePoints(before.toString()) + codePoints(text.slice(0, lead));
    return { start: start, end: start + codePoints(trimmed) };
  }

  function openFlagForm(sentence, span) {
    var link = $("#sw-" + sentence.dataset.sentence + " a.flag-link");
    if (!link || !window.htmx) return;
    var url = link.getAttribute("href");
    if (span) url += "?start=" + span.start + "&end=" + span.end;
    $$(".sentence.selected").forEach(function (s) { s.classList.remove("selected"); });
    sentence.classList.add("selected");
    closeChooser();
    htmx.ajax("GET", url, { target: "#flag-form-slot", swap: "outerHTML" }).then(function () {
      var kind = $("#ff-kind");
      if (kind) kind.focus();
    });
  }

  document.addEventListener("mouseup", function (event) {
    if (!event.target.closest || !event.target.closest("#story")) return;
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) return;
    var range = sel.getRangeAt(0);
    var sentence = sentenceOf(range.startContainer) || sentenceOf(range.endContainer);
    if (!sentence) return;
    var span = offsets(sentence, range);
    if (span) openFlagForm(sentence, span);
  });

  /* Which flags cover a highlight: innermost first, whole-sentence ones apart ------------- */

  /* Per flag id on `sentence`: how many characters its highlights cover. A flag covering
     every character is a whole-sentence flag; the fewer characters, the more inner. */
  function coverage(sentence) {
    var total = sentence.textContent.length;
    var covered = {};
    $$("mark[data-flags]", sentence).forEach(function (m) {
      m.dataset.flags.split(" ").forEach(function (id) {
        covered[id] = (covered[id] || 0) + m.textContent.length;
      });
    });
    return { total: total, covered: covered };
  }

  /* The flags under a clicked highlight: `word` are the word-level ones, innermost first.
     A highlight may name its whole-sentence flags (data-whole="ids"); otherwise a flag that
     covers the whole sentence counts as one, unless the highlight is painted as words (no
     "whole" class), when they are all offered. */
  function flagsAt(mark, sentence) {
    var c = coverage(sentence);
    var ids = mark.dataset.flags.split(" ");
    var order = ids.slice();
    ids.sort(function (a, b) { return (c.covered[a] - c.covered[b]) || (order.indexOf(a) - order.indexOf(b)); });
    var word;
    if (mark.dataset.whole !== undefined) {
      var whole = mark.dataset.whole.split(" ");
      word = ids.filter(function (id) { return whole.indexOf(id) === -1; });
    } else {
      word = ids.filter(function (id) { return c.covered[id] < c.total; });
      if (!word.length && !mark.classList.contains("whole")) word = ids;
    }
    return { word: word, all: ids };
  }

  /* issue 10 (clicks): of word flags ordered innermost first (flagsAt), the one that covers
     fewer characters than every other, or null when the narrowest ones tie. */
  function narrowest(ids, sentence) {
    if (ids.length === 1) return ids[0];
    if (ids.length < 2) return null;
    var c = coverage(sentence);
    return c.covered[ids[0]] < c.covered[ids[1]] ? ids[0] : null;
  }
  /* /issue 10 (clicks) */

  function sentenceFlags(sentence) {
    var c = coverage(sentence);
    return Object.keys(c.covered).sort(function (a, b) { return c.covered[a] - c.covered[b]; });
  }

  /* A small chooser when several flags share the words ------------------------------------ */

  var chooser = null;

  function closeChooser(returnFocus) {
    if (!chooser) return;
    var back = chooser.returnTo;
    chooser.remove();
    chooser = null;
    if (returnFocus && back && document.contains(back)) back.focus({ preventScroll: true });
  }

  function openChooser(ids, near, returnTo, sentence) {
    closeChooser();
    var box = document.createElement("div");
    box.className = "flag-chooser";
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-label", "Flags on these words");
    var title = document.createElement("p");
    title.className = "chooser-title";
    title.textContent = ids.length + " flags here: choose one";
    box.appendChild(title);
    var list = document.createElement("ul");
    ids.forEach(function (id) {
      var item = $("#fl-" + id);
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "linkish chooser-item";
      button.dataset.openFlag = id;
      var head = item && $(".fhead", item);
      var quote = item && $(".fquote", item);
      if (head) button.appendChild(head.cloneNode(true));
      var q = document.createElement("span");
      q.className = "fquote";
      q.textContent = quote ? quote.textContent : "Flag " + id;
      button.appendChild(q);
      li.appendChild(button);
      list.appendChild(li);
    });
    box.appendChild(list);
    if (sentence && canReview()) {
      var raise = document.createElement("button");
      raise.type = "button";
      raise.className = "small secondary";
      raise.dataset.action = "raise-here";
      raise.textContent = "Raise a new flag on this sentence";
      raise.addEventListener("click", function () { openFlagForm(sentence, null); });
      box.appendChild(raise);
    }
    document.body.appendChild(box);
    var r = near.getBoundingClientRect();
    var left = Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - box.offsetWidth - 8);
    box.style.left = Math.max(window.scrollX + 8, left) + "px";
    var below = r.bottom + 6 + box.offsetHeight <= window.innerHeight;
    box.style.top = (window.scrollY + (below ? r.bottom + 6 : Math.max(8, r.top - 6 - box.offsetHeight))) + "px";
    box.returnTo = returnTo || null;
    chooser = box;
    var first = $("button", box);
    if (first) first.focus({ preventScroll: true });
  }

  function openFlagsOf(sentence, near, returnTo) {
    var ids = sentenceFlags(sentence);
    if (!ids.length) return false;
    if (ids.length === 1) openThread(ids[0]);
    else openChooser(ids, near || sentence, returnTo || null, sentence);
    return true;
  }

  /* Clicks --------------------------------------------------------------------------------- */

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!target.closest) return;
    if (chooser && !chooser.contains(target)) closeChooser();
    var choice = target.closest("[data-open-flag]");
    if (choice) { var id = choice.dataset.openFlag; closeChooser(); openThread(id); return; }
    var flagLink = target.closest("#story a.flag-link");
    if (flagLink && window.htmx) {
      event.preventDefault();
      openFlagForm($(".sentence", flagLink.parentElement), null);
      return;
    }
    var count = target.closest("#story .fcount");
    if (count) {
      var s = $(".sentence", count.parentElement);
      if (s) { rove(s); openFlagsOf(s, count, s); }
      return;
    }
    if (target.closest("#story")) {
      var sel = window.getSelection();
      if (sel && !sel.isCollapsed) return; // a selection: mouseup already handled it
      var sentence = target.closest(".sentence");
      if (sentence) rove(sentence);
      var mark = target.closest("mark[data-flags]");
      if (mark && sentence) {
        var here = flagsAt(mark, sentence);
        /* issue 10 (clicks): the narrowest word flag under the click opens; only flags that
           tie for narrowest (the same words) ask which one, in a chooser. */
        var inner = narrowest(here.word, sentence);
        if (inner) { openThread(inner); return; }
        /* /issue 10 (clicks) */
        if (here.word.length > 1) { openChooser(here.word, mark, sentence, sentence); return; }
        // Only whole-sentence flags here: the click raises a new flag, as anywhere else.
        if (!canReview()) { openFlagsOf(sentence, mark, sentence); return; }
      }
      if (sentence) openFlagForm(sentence, null);
      return;
    }
    var item = target.closest("#flag-list li.fitem");
    if (item) { setCurrent(item.dataset.flag, true); return; }
    var quote = target.closest("[data-flag-link]");
    if (quote) { event.preventDefault(); showWords(quote.dataset.flagLink); return; }
    var cancel = target.closest("[data-action=cancel-flag]");
    if (cancel && $("#review")) { event.preventDefault(); closeFlagForm(); return; }
    if (target.closest("[data-action=shortcuts]")) showShortcuts();
  });

  function closeFlagForm() {
    var slot = $("#flag-form-slot");
    var had = slot && slot.children.length;
    if (slot) slot.innerHTML = "";
    var selected = $(".sentence.selected");
    $$(".sentence.selected").forEach(function (s) { s.classList.remove("selected"); });
    if (had && selected) { rove(selected); selected.focus({ preventScroll: true }); }
  }

  /* Flags: current one, its words, its thread --------------------------------------------- */

  function marksOf(id) {
    return $$("#story mark[data-flags]").filter(function (m) {
      return m.dataset.flags.split(" ").indexOf(String(id)) !== -1;
    });
  }

  function showWords(id, instant) {
    var marks = marksOf(id);
    var item = $("#fl-" + id);
    var target = marks[0] || (item && item.dataset.sentence && $("#s-" + item.dataset.sentence));
    $$(".flash").forEach(function (el) { el.classList.remove("flash"); });
    if (!target) return;
    (marks.length ? marks : [target]).forEach(function (el) { el.classList.add("flash"); });
    // On a narrow screen the thread is a sheet over the lower half: keep the words above it.
    var thread = $("#thread");
    var sheet = thread && getComputedStyle(thread).position === "fixed";
    target.scrollIntoView({ block: sheet ? "start" : "center", behavior: instant ? "instant" : "smooth" });
  }

  function setCurrent(id, scroll) {
    $$("#flag-list li.fitem.current").forEach(function (li) { li.classList.remove("current"); });
    var item = $("#fl-" + id);
    if (item) {
      item.classList.add("current");
      item.scrollIntoView({ block: "nearest" });
    }
    if (scroll) showWords(id);
  }

  function openThread(id) {
    var link = $("#fl-" + id + " a");
    if (link) link.click();
  }

  function move(step) {
    var open = $$("#flag-list li.fitem[data-status=open]");
    if (!open.length) return;
    var all = $$("#flag-list li.fitem");
    var current = $("#flag-list li.fitem.current");
    var at = current ? all.indexOf(current) : -1;
    var next = null;
    if (step > 0) next = open.find(function (li) { return all.indexOf(li) > at; }) || open[0];
    else next = open.slice().reverse().find(function (li) {
      return at === -1 || all.indexOf(li) < at;
    }) || open[open.length - 1];
    var link = $("a", next);
    link.click();
    link.focus({ preventScroll: true });
  }

  /* The address keeps the open flag, so a reload keeps your place. */
  var shownFlag = null;
  function syncAddress() {
    var state = $("#thread-state");
    var id = state ? state.value : "";
    if (id === shownFlag) return;
    shownFlag = id;
    var url = new URL(window.location.href);
    if (id) url.searchParams.set("flag", id); else url.searchParams.delete("flag");
    url.hash = "";
    var next = url.pathname + (url.search || "");
    if (next !== window.location.pathname + window.location.search) {
      history.replaceState(history.state, "", next);
    }
  }

  /* Sentences from the keyboard: one tab stop for the story (roving), arrows between
     sentences and words, Shift to extend, Enter to flag -------------------------------- */

  var keyboardWords = null; // {sentence, words: [[start, end]…], anchor, focus}

  function sentences() { return $$("#story .sentence"); }

  function rove(sentence) {
    $$("#story .sentence[tabindex]").forEach(function (s) {
      if (s !== sentence) s.removeAttribute("tabindex");
    });
    sentence.setAttribute("tabindex", "0");
    if ($("#story-hint")) sentence.setAttribute("aria-describedby", "story-hint");
  }

  function ensureRoving() {
    // The icons after each sentence leave the tab order: the focused sentence's keys do
    // their jobs (Enter flags, e edits), so Tab goes from the story to the panel.
    $$("#story a.flag-link:not([tabindex]), #story a.edit-link:not([tabindex])").forEach(function (a) {
      a.setAttribute("tabindex", "-1");
    });
    if ($("#story .sentence[tabindex='0']")) return;
    var current = $("#thread-state");
    var item = current && $("#fl-" + current.value);
    var start = item && item.dataset.sentence && $("#s-" + item.dataset.sentence);
    var first = start || sentences()[0];
    if (first) rove(first);
  }

  function focusSentence(sentence) {
    if (!sentence) return;
    clearWords();
    rove(sentence);
    sentence.focus();
    sentence.scrollIntoView({ block: "nearest" });
  }

  function wordsOf(sentence) {
    var text = sentence.textContent;
    var words = [];
    var re = /\S+/g;
    var m;
    while ((m = re.exec(text))) words.push([m.index, m.index + m[0].length]);
    return words;
  }

  function pointAt(sentence, offset) {
    var walker = document.createTreeWalker(sentence, NodeFilter.SHOW_TEXT);
    var node, seen = 0, last = null;
    while ((node = walker.nextNode())) {
      if (offset <= seen + node.length) return { node: node, offset: offset - seen };
      seen += node.length;
      last = node;
    }
    return last ? { node: last, offset: last.length } : { node: sentence, offset: 0 };
  }

  function say(message) {
    var live = $("#story-live");
    if (live) live.textContent = message;
  }

  function showWordSelection() {
    var k = keyboardWords;
    var lo = Math.min(k.anchor, k.focus), hi = Math.max(k.anchor, k.focus);
    var start = k.words[lo][0], end = k.words[hi][1];
    var range = document.createRange();
    var a = pointAt(k.sentence, start), b = pointAt(k.sentence, end);
    range.setStart(a.node, a.offset);
    range.setEnd(b.node, b.offset);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    k.sentence.classList.add("choosing");
    say("Selected: " + range.toString() + ". Enter raises a flag on these words; Escape cancels.");
  }

  function clearWords() {
    if (!keyboardWords) return;
    keyboardWords.sentence.classList.remove("choosing");
    keyboardWords = null;
    var sel = window.getSelection();
    if (sel) sel.removeAllRanges();
  }

  function stepWords(sentence, delta, extend) {
    if (!keyboardWords || keyboardWords.sentence !== sentence) {
      var words = wordsOf(sentence);
      if (!words.length) return;
      var at = delta > 0 ? 0 : words.length - 1;
      keyboardWords = { sentence: sentence, words: words, anchor: at, focus: at };
    } else {
      var k = keyboardWords;
      var next = Math.max(0, Math.min(k.words.length - 1, k.focus + delta));
      k.focus = next;
      if (!extend) k.anchor = next;
    }
    showWordSelection();
  }

  function keyboardSpan() {
    var k = keyboardWords;
    if (!k) return null;
    var lo = Math.min(k.anchor, k.focus), hi = Math.max(k.anchor, k.focus);
    var text = k.sentence.textContent;
    var start = codePoints(text.slice(0, k.words[lo][0]));
    return { start: start, end: start + codePoints(text.slice(k.words[lo][0], k.words[hi][1])) };
  }

  function onSentenceKey(event, sentence) {
    var all = sentences();
    var i = all.indexOf(sentence);
    switch (event.key) {
      case "ArrowDown": focusSentence(all[Math.min(all.length - 1, i + 1)]); return true;
      case "ArrowUp": focusSentence(all[Math.max(0, i - 1)]); return true;
      case "Home": focusSentence(all[0]); return true;
      case "End": focusSentence(all[all.length - 1]); return true;
      case "ArrowRight": stepWords(sentence, 1, event.shiftKey); return true;
      case "ArrowLeft": stepWords(sentence, -1, event.shiftKey); return true;
      case "Enter": {
        if (!canReview()) return openFlagsOf(sentence, sentence, sentence);
        var span = keyboardWords && keyboardWords.sentence === sentence ? keyboardSpan() : null;
        openFlagForm(sentence, span);
        return true;
      }
      case "Escape":
        if (keyboardWords) { clearWords(); say("Selection cleared."); return true; }
        return false;
      case "f": return openFlagsOf(sentence, sentence, sentence);
      case "e": {
        var edit = $("#sw-" + sentence.dataset.sentence + " a.edit-link");
        if (edit) { edit.click(); return true; }
        return false;
      }
      default: return false;
    }
  }

  /* Keyboard ------------------------------------------------------------------------------ */

  /* Send a form the way its button would: through htmx, even if htmx has not processed a
     form that has just been swapped in (a plain submit would leave the page). */
  function send(form) {
    if (window.htmx && form.hasAttribute("hx-post")) htmx.process(form);
    form.requestSubmit();
  }

  function showShortcuts() {
    var dialog = $("#shortcuts-dialog");
    if (dialog && !dialog.open) dialog.showModal();
  }

  document.addEventListener("keydown", function (event) {
    if (!$("#review")) return;
    var active = document.activeElement;
    // Ctrl+Enter (Cmd+Enter) sends the form being typed in: a reply, a reason, a note.
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && active &&
        active.tagName === "TEXTAREA" && active.form && active.closest("#panel")) {
      event.preventDefault();
      send(active.form);
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (chooser) {
      if (event.key === "Escape") { event.preventDefault(); closeChooser(true); return; }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        var buttons = $$("button", chooser);
        var at = buttons.indexOf(active);
        var next = buttons[(at + (event.key === "ArrowDown" ? 1 : buttons.length - 1)) % buttons.length];
        if (next) next.focus();
        event.preventDefault();
        return;
      }
      if (chooser.contains(active)) return;
    }
    if (active && active.classList && active.classList.contains("sentence") && active.closest("#story")) {
      if (onSentenceKey(event, active)) { event.preventDefault(); return; }
      if (event.shiftKey && /^Arrow/.test(event.key)) return;
    }
    if (event.key === "Escape") { closeFlagForm(); return; }
    if (typing(active)) return;
    var handled = true;
    switch (event.key) {
      case "j": move(1); break;
      case "k": move(-1); break;
      case "?": showShortcuts(); break;
      case "r": {
        var reply = $("#cm-body");
        if (reply) reply.focus(); else handled = false;
        break;
      }
      case "x": {
        var resolve = $("#resolve-form");
        if (resolve) send(resolve); else handled = false;
        break;
      }
      case "d": {
        var box = $("#dismiss-box");
        if (box) { box.open = true; $("#ds-reason").focus(); } else handled = false;
        break;
      }
      default: handled = false;
    }
    if (handled) event.preventDefault();
  });

  document.addEventListener("focusout", function (event) {
    if (keyboardWords && event.target === keyboardWords.sentence) {
      var to = event.relatedTarget;
      if (!to || !keyboardWords.sentence.contains(to)) {
        keyboardWords.sentence.classList.remove("choosing");
        keyboardWords = null;
      }
    }
  });

  /* ==== BEGIN issue 10 item 8 (responses sized by what changed): filing changed rows ===== */

  /* An action's answer and the poll carry only the flag rows that changed, inside
     <ol id="flag-updates"> (swapped out-of-band; see review/flags/bundle.html). Each row is
     filed into #flag-rows: it replaces the row with its id, or, new, goes where its
     data-order ("sentence-position start id") puts it in text order, when it belongs to the
     section the list shows (data-section); <li data-remove="N"> takes row N away. */
  function fileFlagUpdates() {
    var box = document.getElementById("flag-updates");
    var list = document.getElementById("flag-rows");
    if (!box || !box.children.length) return;
    if (!list) { box.textContent = ""; return; }
    var key = function (li) { return (li.dataset.order || "").split(" ").map(Number); };
    var before = function (a, b) {
      for (var i = 0; i < 3; i++) { if (a[i] !== b[i]) return a[i] < b[i]; }
      return false;
    };
    var section = list.dataset.section || "";
    Array.from(box.children).forEach(function (item) {
      var id = item.dataset.remove ? "fl-" + item.dataset.remove : item.id;
      var old = id ? list.querySelector('[id="' + id + '"]') : null;
      if (item.dataset.remove || !id) {
        if (old) old.remove();
        item.remove();
        return;
      }
      var wasCurrent = old && old.classList.contains("current");
      if (old) {
        old.replaceWith(item);
      } else if (!section || !item.dataset.section || item.dataset.section === section) {
        var k = key(item), next = null;
        for (var i = 0; i < list.children.length; i++) {
          if (before(k, key(list.children[i]))) { next = list.children[i]; break; }
        }
        list.insertBefore(item, next);
      } else {
        item.remove();  // a flag of another section: its own page lists it
        return;
      }
      if (wasCurrent) item.classList.add("current");
      if (window.htmx) htmx.process(item);
    });
    var empty = document.getElementById("flag-list-empty");
    if (empty && list.children.length) empty.remove();
  }
  document.addEventListener("htmx:oobAfterSwap", fileFlagUpdates);
  document.addEventListener("htmx:afterSettle", fileFlagUpdates);

  /* ==== END issue 10 item 8 ================================================================ */

  /* A colleague's checks on the facts worksheet: the poll of a page whose panel is open
     carries the changed rows inside <ol id="fact-updates"> (review/flags/bundle.html). Each
     replaces the row with its id, unless this editor is typing in that row (a source or a
     note half written is never thrown away: the row says a colleague changed it instead),
     or the fact moved between the worksheet and its "words are gone" list (the notice asks
     for a reload, which puts every row in order). */
  function fileFactUpdates() {
    var box = document.getElementById("fact-updates");
    var panel = document.getElementById("facts");
    if (!box || !box.children.length) return;
    var reload = function () {
      var notice = document.getElementById("facts-notice");
      if (notice) notice.hidden = false;
    };
    var typing = function (row) {
      if (row.contains(document.activeElement)) return true;
      return Array.from(row.querySelectorAll("input[type=text], textarea")).some(function (f) {
        return f.value !== f.defaultValue;
      });
    };
    Array.from(box.children).forEach(function (item) {
      item.remove();  // first: the box is in the panel too, and holds a row of the same id
      var old = panel ? panel.querySelector('.fact-list > [id="' + item.id + '"]') : null;
      if (!old || old.classList.contains("gone") !== item.classList.contains("gone")) {
        reload();
      } else if (typing(old)) {
        if (!old.querySelector(".fact-stale")) {
          var note = document.createElement("p");
          note.className = "fact-stale meta";
          note.setAttribute("role", "status");
          note.textContent = "A colleague changed this fact while you were typing; when you send yours, the desk checks it against theirs.";
          old.insertBefore(note, old.firstChild.nextSibling);
        }
      } else {
        old.replaceWith(item);
        if (window.htmx) htmx.process(item);
      }
    });
  }
  document.addEventListener("htmx:oobAfterSwap", fileFactUpdates);
  document.addEventListener("htmx:afterSettle", fileFactUpdates);

  /* Following a fact from the worksheet marks its words in the story, not only its sentence:
     the link carries the fact's offsets in the sentence's text, which is the text of
     span.sentence (its flag marks split it into several text nodes). The CSS Custom Highlight
     API paints the range without touching the DOM (no script-set styles, which the CSP
     forbids); a browser without it, or a fact whose sentence was edited since the checks
     ran (data-moved), still gets the jump to its sentence. */
  function rangeOf(element, start, end) {
    var walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    var range = document.createRange(), seen = 0, node, begun = false;
    while ((node = walker.nextNode())) {
      var next = seen + node.data.length;
      if (!begun && start < next) { range.setStart(node, start - seen); begun = true; }
      if (begun && end <= next) { range.setEnd(node, end - seen); return range; }
      seen = next;
    }
    return null;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.fact-words");
    if (!link || !window.CSS || !CSS.highlights || link.hasAttribute("data-moved")) return;
    var sentence = document.querySelector(link.getAttribute("href"));
    var start = Number(link.dataset.start), end = Number(link.dataset.end);
    var range = sentence && end > start ? rangeOf(sentence, start, end) : null;
    if (range) CSS.highlights.set("fact-words", new Highlight(range));
    else CSS.highlights.delete("fact-words");
  });

  /* The poll for colleagues' changes backs off while the desk is unavailable --------------- */

  /* #poller asks every 5 s. After a 503 or a network error, later polls are skipped for
     about 10 s, then 20, 40, up to 2 minutes (a random part shorter, so a recovering server
     is not met by every open page at once); the first answer that gets through resets it. */
  (function pollBackoff() {
    var failures = 0, resumeAt = 0;
    var isPoll = function (event) {
      var elt = event.detail && event.detail.elt;
      return elt && elt.id === "poller";
    };
    document.addEventListener("htmx:beforeRequest", function (event) {
      if (isPoll(event) && Date.now() < resumeAt) event.preventDefault();
    });
    var failed = function (event) {
      if (!isPoll(event)) return;
      failures += 1;
      var wait = Math.min(120000, 5000 * Math.pow(2, failures));
      resumeAt = Date.now() + wait * (0.75 + 0.25 * Math.random());
      document.documentElement.classList.add("poll-failing");
    };
    document.addEventListener("htmx:responseError", failed);
    document.addEventListener("htmx:sendError", failed);
    document.addEventListener("htmx:timeout", failed);
    document.addEventListener("htmx:afterRequest", function (event) {
      if (isPoll(event) && event.detail.successful) {
        failures = 0;
        resumeAt = 0;
        document.documentElement.classList.remove("poll-failing");
      }
    });
  })();

  /* After htmx swaps: keep focus where it was, or move it to the thread after an action;
     bring stale thread actions up to date after a colleague's change -------------------- */

  /* A swap that replaces the focused element (a colleague's update arriving while you read
     the thread) puts focus back on its replacement, found by id. */
  var lostFocus = null;
  function noteFocus(event) {
    var target = event.detail && event.detail.target;
    var active = document.activeElement;
    if (target && active && active !== document.body && active.id && target.contains(active)) {
      lostFocus = active.id;
    }
  }
  function giveFocusBack() {
    if (!lostFocus) return;
    var active = document.activeElement;
    if (!active || active === document.body || !document.contains(active)) {
      var el = document.getElementById(lostFocus);
      if (el) {
        if (el.classList.contains("sentence")) rove(el);
        el.focus({ preventScroll: true });
      }
    }
    lostFocus = null;
  }
  document.addEventListener("htmx:beforeSwap", noteFocus);
  document.addEventListener("htmx:oobBeforeSwap", noteFocus);
  document.addEventListener("htmx:afterSwap", giveFocusBack);
  document.addEventListener("htmx:oobAfterSwap", giveFocusBack);

  /* After reply, resolve, dismiss…: focus goes back to the thread (the new reply, or the
     thread's title, which now says the flag's state), never to the page's body. */
  function focusAfterAction(what) {
    if (!what) return false;
    if (what === "reply") {
      var last = $("#thread-comments li.comment:last-child");
      if (last) {
        last.setAttribute("tabindex", "-1");
        last.focus({ preventScroll: true });
        return true;
      }
    }
    var title = $("#thread-title");
    if (title) { title.focus({ preventScroll: true }); return true; }
    return false;
  }

  var refreshing = false;
  function refreshStaleThread() {
    var head = $("#thread-head");
    var actions = $("#thread .flag-actions[data-status]");
    var thread = $("#thread[data-url]");
    if (!head || !actions || !thread || refreshing || !window.htmx) return;
    if (head.dataset.status === actions.dataset.status) return;
    refreshing = true;
    var drafts = snapshotDrafts();
    htmx.ajax("GET", thread.dataset.url, { target: "#thread", swap: "outerHTML" }).then(function () {
      refreshing = false;
      restoreDrafts(drafts, null);
    }, function () { refreshing = false; });
  }

  var pendingFocus = null;
  document.addEventListener("htmx:afterSettle", function () {
    if (pendingFocus) { focusAfterAction(pendingFocus); pendingFocus = null; }
    ensureRoving();
    syncAddress();
    refreshStaleThread();
  });

  function start() {
    ensureRoving();
    var hash = window.location.hash;
    syncAddress();
    var state = $("#thread-state");
    if (state && state.value) setCurrent(state.value, true);
    /* issue 10 (collaboration): a link to a thread or a reply (the Inbox opens #thread or
       #c-12) shows the reply in the thread and the flag's words in the story, flashing. The
       browser's own jump to the fragment comes at "load" and would undo the scroll to the
       words: do it after that. */
    if (/^#(thread|c-\d+)$/.test(hash) && state && state.value) {
      var reply = hash === "#thread" ? null : $(hash);
      var land = function () {
        if (reply) reply.scrollIntoView({ block: "nearest" });
        showWords(state.value, true);
      };
      if (document.readyState === "complete") land();
      else window.addEventListener("load", function () { setTimeout(land, 0); }, { once: true });
    }
    /* /issue 10 (collaboration) */
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
