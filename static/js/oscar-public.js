/* Oscar's storefront set-up on public pages, which carry no inline script:
   what oscar/layout.html and catalogue/browse.html run inline elsewhere. */
$(function () {
  "use strict";
  oscar.init();
  oscar.search.init();
});
