// The browser's time zone: pre-selected in a time-zone select the server could only guess
// (UTC), and written into the hidden time-zone field of the sign-up form.
(function () {
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone) { return; }
  document.querySelectorAll('select[data-browser-timezone]').forEach(function (select) {
    if (select.value === 'UTC' && select.querySelector('option[value="' + zone + '"]')) {
      select.value = zone;
    }
  });
  document.querySelectorAll('input[type="hidden"][name="timezone"]').forEach(function (input) {
    if (!input.value) { input.value = zone; }
  });
})();
