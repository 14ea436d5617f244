/* @mention completion under a reply or a note (textareas marked data-mentions).

   Typing "@an" lists the desk's people whose username or name starts with "an" (asked of
   the URL in [data-mention-url], a few at most) in a listbox under the field: ↓/↑ choose,
   Enter or Tab puts "@username " in the text, Escape closes the list, a click picks one.
   The field keeps focus throughout (aria-activedescendant points at the chosen option).
   Without JavaScript, typing "@username" by hand notifies the same way: the server reads
   the mentions from the text. */
(function () {
  "use strict";
  var holder = document.querySelector("[data-mention-url]");
  if (!holder || !window.fetch) return;
  var url = holder.dataset.mentionUrl;
  // A mention starts after anything a username cannot hold (review/text/mentions.py).
  var TYPING = /(^|[^\w@.+-])@([\w.+-]{1,150})$/;
  var cache = {};
  var state = null; // {field, list, start, prefix, people, active}
  var serial = 0;

  function status(text) {
    var el = document.getElementById("mention-status");
    if (!el) {
      el = document.createElement("div");
      el.id = "mention-status";
      el.className = "visually-hidden";
      el.setAttribute("role", "status");
      document.body.appendChild(el);
    }
    el.textContent = text;
  }

  function typed(field) {
    if (field.selectionStart !== field.selectionEnd) return null;
    var before = field.value.slice(0, field.selectionStart);
    var m = TYPING.exec(before);
    if (!m) return null;
    return { prefix: m[2], start: before.length - m[2].length - 1 };
  }

  function close() {
    if (!state) return;
    state.list.remove();
    state.field.removeAttribute("aria-activedescendant");
    state.field.removeAttribute("aria-controls");
    state = null;
  }

  function choose(index) {
    if (!state) return;
    var options = state.list.querySelectorAll("[role=option]");
    state.active = (index + options.length) % options.length;
    options.forEach(function (li, i) {
      var on = i === state.active;
      li.setAttribute("aria-selected", on ? "true" : "false");
      li.classList.toggle("active", on);
      if (on) {
        state.field.setAttribute("aria-activedescendant", li.id);
        li.scrollIntoView({ block: "nearest" });
      }
    });
  }

  function insert(index) {
    if (!state) return;
    var person = state.people[index];
    var field = state.field;
    var end = state.start + 1 + state.prefix.length;
    var text = "@" + person.username + " ";
    field.value = field.value.slice(0, state.start) + text + field.value.slice(end);
    var caret = state.start + text.length;
    field.setSelectionRange(caret, caret);
    close();
    status("Mentioned " + person.username + ".");
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function render(field, found, people) {
    close();
    if (!people.length) { status("Nobody on the desk matches @" + found.prefix + "."); return; }
    var list = document.createElement("ul");
    list.id = field.id + "-mentions";
    list.className = "mention-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "People to mention");
    people.forEach(function (person, i) {
      var li = document.createElement("li");
      li.id = list.id + "-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      var name = document.createElement("strong");
      name.textContent = "@" + person.username;
      li.appendChild(name);
      if (person.name) {
        var full = document.createElement("span");
        full.className = "meta";
        full.textContent = " " + person.name;
        li.appendChild(full);
      }
      // Picking with the mouse must not take focus from the field.
      li.addEventListener("mousedown", function (event) { event.preventDefault(); });
      li.addEventListener("click", function () { insert(i); field.focus(); });
      list.appendChild(li);
    });
    field.after(list);
    field.setAttribute("aria-controls", list.id);
    state = { field: field, list: list, start: found.start, prefix: found.prefix, people: people, active: 0 };
    choose(0);
    status(people.length + (people.length === 1 ? " person matches" : " people match") +
      "; up and down arrows to choose, Enter to mention, Escape to close.");
  }

  function lookUp(field) {
    var found = typed(field);
    if (!found) { close(); return; }
    var key = found.prefix.toLowerCase();
    var mine = ++serial;
    var got = cache[key] ? Promise.resolve(cache[key]) :
      fetch(url + "?q=" + encodeURIComponent(found.prefix), {
        headers: { Accept: "application/json" }, credentials: "same-origin",
      }).then(function (response) {
        if (!response.ok) throw new Error("no people");
        return response.json();
      }).then(function (data) { cache[key] = data.people || []; return cache[key]; });
    got.then(function (people) {
      // Only the answer to the latest keystroke, and only while the field still has focus.
      if (mine === serial && document.activeElement === field) render(field, found, people);
    }, close);
  }

  var timer = null;
  document.addEventListener("input", function (event) {
    var field = event.target;
    if (!field.matches || !field.matches("textarea[data-mentions]")) return;
    if (!field.id) field.id = "mentions-" + Math.random().toString(36).slice(2, 8);
    field.setAttribute("aria-autocomplete", "list");
    clearTimeout(timer);
    timer = setTimeout(function () { lookUp(field); }, 120);
  });

  // Capture: these keys belong to the list before the page's own shortcuts see them.
  document.addEventListener("keydown", function (event) {
    if (!state || event.target !== state.field) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return; // Ctrl+Enter still sends
    var n = state.people.length;
    var key = event.key;
    if (key === "ArrowDown") choose(state.active + 1);
    else if (key === "ArrowUp") choose(state.active - 1 + n);
    else if (key === "Enter" || (key === "Tab" && !event.shiftKey)) insert(state.active);
    else if (key === "Escape") close();
    else return;
    event.preventDefault();
    event.stopPropagation();
  }, true);

  document.addEventListener("focusout", function (event) {
    if (state && event.target === state.field) close();
  });
  document.addEventListener("click", function (event) {
    if (state && event.target !== state.field && !state.list.contains(event.target)) close();
  });
  // The caret moved away from the name (a click elsewhere in the text, Home, End…).
  document.addEventListener("selectionchange", function () {
    if (state && document.activeElement === state.field && !typed(state.field)) close();
  });
})();
