// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  function setupListFilter(form) {
    var list = document.getElementById(form.getAttribute("data-filter-list"));
    if (!list) return;
    var status = form.querySelector(".filter-status");
    var text = form.querySelector("[data-filter-text]");
    var types = form.querySelectorAll("[data-filter-type]");
    var selects = form.querySelectorAll("select[data-filter-attr]");
    form.hidden = false;
    form.addEventListener("submit", function (e) { e.preventDefault(); });

    function apply() {
      var shown = 0;
      if (text) {
        var needle = text.value.trim().toLowerCase();
        var allowed = {};
        types.forEach(function (box) { allowed[box.value] = box.checked; });
        list.querySelectorAll("section[data-type]").forEach(function (section) {
          var visibleInSection = 0;
          section.querySelectorAll("li[data-name]").forEach(function (li) {
            var ok = allowed[section.getAttribute("data-type")] !== false &&
              (!needle || li.getAttribute("data-name").indexOf(needle) !== -1);
            li.hidden = !ok;
            if (ok) visibleInSection++;
          });
          section.hidden = visibleInSection === 0;
          shown += visibleInSection;
        });
      } else {
        list.querySelectorAll("li.event").forEach(function (li) {
          var ok = true;
          selects.forEach(function (select) {
            var value = select.value;
            var have = (li.getAttribute("data-" + select.getAttribute("data-filter-attr")) || "").split(" ");
            if (value && have.indexOf(value) === -1) ok = false;
          });
          li.hidden = !ok;
          if (ok) shown++;
        });
        list.querySelectorAll("section.month, section.year").forEach(function (section) {
          section.hidden = !section.querySelector("li.event:not([hidden])");
        });
      }
      if (status) status.textContent = shown + (shown === 1 ? " match" : " matches");
    }
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    apply();
  }

  function setupSearch() {
    var element = document.getElementById("search");
    if (element && window.location.protocol === "file:") {
      // Pagefind fetches its index, which a browser refuses to do from disk.
      document.getElementById("search-offline").hidden = false;
      return;
    }
    if (!element || typeof window.PagefindUI !== "function") return;
    // The page's links are relative, Pagefind wants paths from the host's root: resolved here,
    // search works at whatever address the site is served.
    var rooted = function (name) { return new URL(element.getAttribute(name), window.location.href).pathname; };
    var ui = new window.PagefindUI({
      element: "#search",
      baseUrl: rooted("data-search-base"),
      bundlePath: rooted("data-search-bundle"),
      showSubResults: true,
      resetStyles: false
    });
    // Pagefind labels its form, not its input, which then has only a title: name it by the page heading.
    var input = element.querySelector("input.pagefind-ui__search-input");
    var heading = element.getAttribute("data-search-label");
    if (input && heading && !input.hasAttribute("aria-labelledby")) input.setAttribute("aria-labelledby", heading);
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) ui.triggerSearch(query);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-filter-list]").forEach(setupListFilter);
    setupSearch();
  });
})();
