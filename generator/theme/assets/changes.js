// Filter the Changes list by department. Without JavaScript every change stays listed.
(function () {
  "use strict";
  var select = document.getElementById("portal-department");
  if (!select) return;
  select.hidden = false;
  select.addEventListener("change", function () {
    var wanted = select.value;
    document.querySelectorAll(".portal-changes > li").forEach(function (row) {
      row.hidden = wanted !== "" && row.getAttribute("data-department") !== wanted;
    });
  });
})();
