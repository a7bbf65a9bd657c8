/* Site-wide behaviour; every page works without it. */
(function () {
  "use strict";

  // Header search suggestions from Wagtail's autocomplete, as a datalist.
  var input = document.getElementById("site-search-q");
  var list = document.getElementById("site-search-suggestions");
  if (input && list && window.fetch) {
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) { return; }
      timer = setTimeout(function () {
        fetch(input.dataset.autocompleteUrl + "?q=" + encodeURIComponent(q), {
          headers: { "Accept": "application/json" }
        }).then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
          .then(function (data) {
            list.textContent = "";
            (data.suggestions || []).forEach(function (s) {
              var option = document.createElement("option");
              option.value = s.title;
              list.appendChild(option);
            });
          }).catch(function () {});
      }, 200);
    });
  }
})();

// Security: the public Content-Security-Policy blocks inline event handlers,
// so Oscar's onclick="window.print()" / "history.go(-1)" links are replaced
// by data attributes handled here (templates/oscar/checkout/thank_you.html,
// templates/oscar/partials/form.html).
document.addEventListener("click", function (event) {
  var target = event.target.closest("[data-print-page], [data-history-back]");
  if (!target) { return; }
  event.preventDefault();
  if (target.hasAttribute("data-print-page")) { window.print(); } else { window.history.back(); }
});
