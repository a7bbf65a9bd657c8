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

// Messages stick to the top of the viewport (site.css "Messages in view");
// each gets a button to put it away. Focus, which was on the button, goes
// back to the main region without scrolling.
document.querySelectorAll("[data-message]").forEach(function (message) {
  var button = document.createElement("button");
  button.type = "button";
  button.className = "messages__dismiss";
  button.setAttribute("aria-label", "Dismiss message");
  button.textContent = "\u00d7";
  button.addEventListener("click", function () {
    var region = message.parentNode;
    message.remove();
    if (!region.querySelector("[data-message]")) { region.remove(); }
    var main = document.getElementById("main");
    if (main) { main.focus({ preventScroll: true }); }
  });
  message.appendChild(button);
});

// An anchor the page opened at (a callout after "Add to basket") scrolls
// clear of the sticky messages, however tall they are.
(function () {
  var region = document.querySelector("[data-messages]");
  var id = window.location.hash.slice(1);
  var target = region && id ? document.getElementById(decodeURIComponent(id)) : null;
  if (!target) { return; }
  target.style.scrollMarginTop = (region.offsetHeight + 24) + "px";
  target.scrollIntoView();
})();
