// Report form: "Add row" clones the last "other outputs" row, empty, numbered the way WTForms'
// FieldList reads it (outputs-<n>-name, outputs-<n>-quantity), up to the server's maximum.
// Without this script the form still offers the empty rows the server renders.
(function () {
  "use strict";
  // After a refused submit: the first field at fault gets the focus (the summary above the
  // form links to every one).
  var form = document.querySelector("form[data-focus]");
  var first = form && document.querySelector(form.getAttribute("data-focus"));
  if (first) { first.focus(); }
})();

(function () {
  "use strict";
  // "Why not held" only while "not held" is chosen (without a script it always shows).
  var box = document.querySelector("[data-shown-for]");
  var radios = document.querySelectorAll("input[name='outcome']");
  if (!box || !radios.length) { return; }
  function sync() {
    var chosen = document.querySelector("input[name='outcome']:checked");
    box.hidden = !chosen || chosen.value !== box.getAttribute("data-shown-for");
  }
  radios.forEach(function (radio) { radio.addEventListener("change", sync); });
  sync();
})();

(function () {
  "use strict";
  var button = document.querySelector("[data-add-row]");
  if (!button) { return; }
  var box = document.querySelector(button.getAttribute("data-add-row"));
  if (!box) { return; }
  var max = parseInt(box.getAttribute("data-max-rows"), 10) || Infinity;
  var pattern = /^(outputs-)\d+(-)/;

  function rows() { return box.querySelectorAll(".output-row"); }

  function nextIndex() {
    var highest = -1;
    box.querySelectorAll("input[name^='outputs-']").forEach(function (input) {
      var match = /^outputs-(\d+)-/.exec(input.name);
      if (match) { highest = Math.max(highest, parseInt(match[1], 10)); }
    });
    return highest + 1;
  }

  function update() { button.disabled = rows().length >= max; }

  button.addEventListener("click", function () {
    var all = rows();
    if (!all.length || all.length >= max) { update(); return; }
    var index = nextIndex();
    var row = all[all.length - 1].cloneNode(true);
    row.querySelectorAll("input").forEach(function (input) {
      input.name = input.name.replace(pattern, "$1" + index + "$2");
      if (input.id) { input.id = input.id.replace(pattern, "$1" + index + "$2"); }
      input.value = "";
      input.classList.remove("is-invalid");
    });
    row.querySelectorAll(".invalid-feedback").forEach(function (node) { node.remove(); });
    box.appendChild(row);
    row.querySelector("input").focus();
    update();
  });
  button.hidden = false;
  update();
})();
