// Long pickers (<select data-search="Search…">): a search box above the list hides the
// options that do not contain what was typed; chosen options always stay. Without the script
// the list works as before.
(function () {
  "use strict";
  document.querySelectorAll("select[data-search]").forEach(function (select) {
    var input = document.createElement("input");
    input.type = "search";
    input.className = "form-control form-control-sm mb-1 picker-search";
    input.placeholder = select.getAttribute("data-search");
    input.setAttribute("aria-label", select.getAttribute("data-search"));
    input.setAttribute("aria-controls", select.id);
    select.parentNode.insertBefore(input, select);
    input.addEventListener("input", function () {
      var wanted = input.value.trim().toLocaleLowerCase();
      Array.prototype.forEach.call(select.options, function (option) {
        option.hidden = Boolean(wanted) && option.value !== "" && !option.selected &&
          option.text.toLocaleLowerCase().indexOf(wanted) < 0;
      });
    });
  });
})();
