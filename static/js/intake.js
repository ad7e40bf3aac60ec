// Intake form: picking a member from the search fills the member fields (they stay editable).
document.addEventListener("click", function (ev) {
  var btn = ev.target.closest(".ur-member-pick");
  if (!btn) return;
  var map = { memberId: "id_member_id", givenName: "id_given_name", familyName: "id_family_name", birthDate: "id_birth_date", sex: "id_sex", plan: "id_plan" };
  Object.keys(map).forEach(function (k) {
    var el = document.getElementById(map[k]);
    if (el) el.value = btn.dataset[k] || "";
  });
});
