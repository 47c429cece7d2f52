// Pre-select the browser's time zone in a time-zone field the server could only guess (UTC).
(function () {
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  document.querySelectorAll('select[data-browser-timezone]').forEach(function (select) {
    if (select.value === 'UTC' && zone && select.querySelector('option[value="' + zone + '"]')) {
      select.value = zone;
    }
  });
})();
