// The review card, made quicker with a keyboard (the page works without this file): opening
// "Show answer" moves focus to "Good", and while the answer shows, keys 1 to 4 press Again,
// Hard, Good or Easy.
(function () {
  var answer = document.querySelector('[data-review-answer]');
  if (!answer) { return; }
  var hint = document.getElementById('review-keys');
  if (hint) { hint.hidden = false; }
  answer.querySelectorAll('[data-review-key]').forEach(function (button) {
    button.setAttribute('aria-keyshortcuts', button.getAttribute('data-review-key'));
  });

  answer.addEventListener('toggle', function () {
    if (!answer.open) { return; }
    var good = answer.querySelector('[data-review-good]');
    if (good) { good.focus(); }
  });

  document.addEventListener('keydown', function (event) {
    if (!answer.open || event.ctrlKey || event.metaKey || event.altKey || event.repeat) { return; }
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      return;
    }
    var button = answer.querySelector('[data-review-key="' + event.key + '"]');
    if (!button) { return; }
    event.preventDefault();
    button.click();
  });
}());
