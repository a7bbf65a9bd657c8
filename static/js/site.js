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
function dismissibleMessage(message) {
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
}

// An anchor the page opened at (a callout after "Add to basket") scrolls
// clear of the sticky messages, however tall they are.
function scrollToAnchorBelowMessages() {
  var region = document.querySelector("[data-messages]");
  var id = window.location.hash.slice(1);
  var target = region && id ? document.getElementById(decodeURIComponent(id)) : null;
  if (!target) { return; }
  target.style.scrollMarginTop = (region.offsetHeight + 24) + "px";
  target.scrollIntoView();
}

// Messages the server did not put into the page (pages any cache may hold
// carry none), in the same markup as templates/includes/messages.html.
function showMessages(list) {
  var main = document.getElementById("main");
  if (!list.length || !main) { return; }
  var region = document.querySelector("[data-messages]");
  if (!region) {
    region = document.createElement("div");
    region.className = "messages";
    region.setAttribute("role", "status");
    region.setAttribute("data-messages", "");
    main.insertBefore(region, main.firstChild);
  }
  list.forEach(function (item) {
    var message = document.createElement("div");
    var level = item.level === "error" ? "danger" : (item.level || "info");
    message.className = "alert alert-" + level + " messages__item";
    message.setAttribute("data-message", "");
    var text = document.createElement("span");
    text.className = "messages__text";
    text.innerHTML = item.html;
    message.appendChild(text);
    region.appendChild(message);
    dismissibleMessage(message);
  });
}

document.querySelectorAll("[data-message]").forEach(dismissibleMessage);
scrollToAnchorBelowMessages();

// What is the visitor's own comes from /visitor/ (never cached): the
// mini-basket, waiting messages, and a CSRF token that turns each form
// marked data-post, sent as a GET to a confirmation step without a script,
// into the POST it is.
(function () {
  "use strict";
  if (!window.fetch) { return; }
  function upgrade(form, visitor) {
    var token = document.createElement("input");
    token.type = "hidden";
    token.name = "csrfmiddlewaretoken";
    token.value = visitor.csrf_token;
    form.appendChild(token);
    form.method = "post";
    form.removeAttribute("data-post");
  }
  var visitorReady = fetch("/visitor/", { credentials: "same-origin", headers: { "Accept": "application/json" } })
    .then(function (r) { return r.ok ? r.json() : null; })
    .catch(function () { return null; });
  // A form sent before the token is in waits for it (and goes as the GET
  // confirmation step if /visitor/ failed).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-post")) { return; }
    event.preventDefault();
    visitorReady.then(function (visitor) {
      if (visitor && form.hasAttribute("data-post")) { upgrade(form, visitor); }
      form.submit();
    });
  });
  visitorReady.then(function (visitor) {
    if (!visitor) { return; }
    document.querySelectorAll("form[data-post]").forEach(function (form) {
      upgrade(form, visitor);
    });
    var count = document.querySelector("[data-mini-basket-count]");
    var total = document.querySelector("[data-mini-basket-total]");
    if (count && total) {
      count.textContent = visitor.basket.num_items;
      total.textContent = visitor.basket.total;
    }
    showMessages(visitor.messages);
    if (visitor.messages.length) { scrollToAnchorBelowMessages(); }
  });
})();
