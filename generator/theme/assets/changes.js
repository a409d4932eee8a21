// Filter the Changes list by department and status, kept in the address (?department=…&status=…) so a
// filtered list can be shared and comes back on reload. Without JavaScript every change stays listed.
(function () {
  "use strict";
  var form = document.getElementById("portal-changes-filter");
  if (!form) return;
  var selects = { department: document.getElementById("portal-department"), status: document.getElementById("portal-status") };
  var count = form.querySelector(".portal-changes-filter__count");

  function known(select, value) {
    return Array.prototype.some.call(select.options, function (option) { return option.value === value; });
  }

  function apply() {
    var shown = 0;
    document.querySelectorAll(".portal-changes-day").forEach(function (day) {
      var any = false;
      day.querySelectorAll(".portal-change").forEach(function (row) {
        var hide = Object.keys(selects).some(function (name) {
          var wanted = selects[name].value;
          return wanted !== "" && row.getAttribute("data-" + name) !== wanted;
        });
        row.hidden = hide;
        if (!hide) { any = true; shown += 1; }
      });
      day.hidden = !any;
    });
    count.textContent = count.getAttribute("data-template")
      .replace("{shown}", String(shown)).replace("{total}", count.getAttribute("data-total"));
  }

  function save() {
    var params = new URLSearchParams(window.location.search);
    Object.keys(selects).forEach(function (name) {
      if (selects[name].value) params.set(name, selects[name].value); else params.delete(name);
    });
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  }

  var start = new URLSearchParams(window.location.search);
  Object.keys(selects).forEach(function (name) {
    var value = start.get(name) || "";
    selects[name].value = known(selects[name], value) ? value : "";
    selects[name].addEventListener("change", function () { apply(); save(); });
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
})();
