/* Suggestions while typing for every search box with data-suggest-url (ARIA 1.2 combobox).
   Arrow keys move through the list, Enter opens the chosen result, Escape closes the list. */
(function () {
  "use strict";

  // The list carries its own layout, so it works on pages that do not load search.css.
  var LIST_STYLE = "position:absolute;left:0;right:0;top:100%;z-index:30;margin:2px 0 0;padding:0;list-style:none;" +
    "background:var(--surface,#fff);color:var(--text,#1a1a1a);border:1px solid var(--border,#767676);" +
    "border-radius:8px;box-shadow:0 2px 8px rgba(0,0,0,.2);max-height:60vh;overflow:auto;";
  var OPTION_STYLE = "padding:8px 12px;min-height:2.75rem;box-sizing:border-box;cursor:pointer;overflow-wrap:anywhere;";

  function setup(input) {
    var url = input.getAttribute("data-suggest-url");
    var wrapper = input.parentElement;
    if (getComputedStyle(wrapper).position === "static") { wrapper.style.position = "relative"; }
    var list = document.createElement("ul");
    var listId = input.id + "-suggestions";
    list.id = listId;
    list.className = "suggest-list";
    list.style.cssText = LIST_STYLE;
    list.setAttribute("role", "listbox");
    list.hidden = true;
    wrapper.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var items = [];
    var active = -1;
    var timer = null;
    var latest = 0;

    function close() {
      list.hidden = true;
      list.style.display = "none";
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var options = list.querySelectorAll("li");
      options.forEach(function (option, i) {
        var selected = i === index;
        option.setAttribute("aria-selected", selected ? "true" : "false");
        option.style.outline = selected ? "3px solid var(--accent,#0031d8)" : "";
        option.style.outlineOffset = "-3px";
        option.style.background = selected ? "var(--color-primitive-blue-50,#e8f1fe)" : "";
      });
      active = index;
      if (index >= 0) { input.setAttribute("aria-activedescendant", options[index].id); }
      else { input.removeAttribute("aria-activedescendant"); }
    }

    function go(index) {
      if (items[index] && items[index].url) { window.location.href = items[index].url; }
    }

    function render(data) {
      items = data.items || [];
      list.textContent = "";
      items.forEach(function (item, i) {
        var option = document.createElement("li");
        option.id = listId + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.style.cssText = OPTION_STYLE;
        var title = document.createElement("span");
        title.textContent = item.title;
        var kind = document.createElement("span");
        kind.className = "suggest-list__kind";
        kind.textContent = item.type_label || "";
        option.appendChild(title);
        option.appendChild(kind);
        option.addEventListener("mousedown", function (event) { event.preventDefault(); go(i); });
        list.appendChild(option);
      });
      if (items.length) {
        list.hidden = false;
        list.style.display = "";
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
    }

    function fetchSuggestions() {
      var q = input.value.trim();
      if (!q) { close(); return; }
      var ticket = ++latest;
      fetch(url + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { items: [] }; })
        .then(function (data) { if (ticket === latest) { render(data); } })
        .catch(function () { close(); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      if (event.key === "ArrowDown") { event.preventDefault(); highlight((active + 1) % items.length); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight((active - 1 + items.length) % items.length); }
      else if (event.key === "Enter" && active >= 0) { event.preventDefault(); go(active); }
      else if (event.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  function init() {
    document.querySelectorAll("input[data-suggest-url]").forEach(setup);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
