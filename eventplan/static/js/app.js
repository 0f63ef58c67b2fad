// Page behaviour bound from data- attributes (no inline handlers: the CSP forbids them).
(function () {
  "use strict";

  // <form data-confirm="Question?">: ask before submitting; "Cancel" keeps the page as is.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  // <input type="checkbox" data-check-all="selector">: tick or clear every matching box.
  document.addEventListener("change", function (event) {
    var master = event.target;
    var selector = master.getAttribute && master.getAttribute("data-check-all");
    if (!selector) { return; }
    document.querySelectorAll(selector).forEach(function (box) {
      box.checked = master.checked;
    });
  });
})();
