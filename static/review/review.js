/* The review page's small amount of JavaScript: choosing words, moving between flags, and
   keyboard shortcuts. Every action is also a plain link or form that works without it; htmx
   (loaded by base.html) does the requests. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var codePoints = function (s) { return Array.from(s).length; };
  var typing = function (el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  };
  var $ = function (sel, root) { return (root || document).querySelector(sel); };
  var $$ = function (sel, root) { return Array.from((root || document).querySelectorAll(sel)); };

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

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!target.closest) return;
    var flagLink = target.closest("#story a.flag-link");
    if (flagLink && window.htmx) {
      event.preventDefault();
      openFlagForm($(".sentence", flagLink.parentElement), null);
      return;
    }
    if (target.closest("#story")) {
      var sel = window.getSelection();
      if (sel && !sel.isCollapsed) return; // a selection: mouseup already handled it
      var mark = target.closest("mark[data-flags]");
      if (mark) { openThread(mark.dataset.flags.split(" ")[0]); return; }
      var sentence = target.closest(".sentence");
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
    if (slot) slot.innerHTML = "";
    $$(".sentence.selected").forEach(function (s) { s.classList.remove("selected"); });
  }

  /* Flags: current one, its words, its thread --------------------------------------------- */

  function marksOf(id) {
    return $$("#story mark[data-flags]").filter(function (m) {
      return m.dataset.flags.split(" ").indexOf(String(id)) !== -1;
    });
  }

  function showWords(id) {
    var marks = marksOf(id);
    var item = $("#fl-" + id);
    var target = marks[0] || (item && item.dataset.sentence && $("#s-" + item.dataset.sentence));
    $$(".flash").forEach(function (el) { el.classList.remove("flash"); });
    if (!target) return;
    (marks.length ? marks : [target]).forEach(function (el) { el.classList.add("flash"); });
    target.scrollIntoView({ block: "center", behavior: "smooth" });
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

  /* Keyboard ------------------------------------------------------------------------------ */

  function showShortcuts() {
    var dialog = $("#shortcuts-dialog");
    if (dialog && !dialog.open) dialog.showModal();
  }

  document.addEventListener("keydown", function (event) {
    if (!$("#review") || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "Escape") { closeFlagForm(); return; }
    if (typing(document.activeElement)) return;
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
        if (resolve) resolve.requestSubmit(); else handled = false;
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

  /* After htmx swaps: keep focus where it was when a poll replaced it ----------------------- */

  var focusedId = null;
  document.addEventListener("htmx:beforeOnLoad", function () {
    var el = document.activeElement;
    focusedId = el && el !== document.body ? el.id : null;
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (focusedId && document.activeElement === document.body) {
      var el = document.getElementById(focusedId);
      if (el) el.focus({ preventScroll: true });
    }
    focusedId = null;
  });
})();
