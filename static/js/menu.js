// The site menu is a <details> disclosure, so it works without JavaScript. On a wide screen
// there is room for every link: the menu is kept open and its "Menu" button hidden (CSS).
// On a phone, Escape closes the open menu and gives focus back to its button.
(function () {
  var menu = document.querySelector('details[data-menu]');
  if (!menu) { return; }
  var wide = window.matchMedia('(min-width: 64rem)');
  function fit() { menu.open = wide.matches; }
  fit();
  wide.addEventListener('change', fit);
  menu.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && menu.open && !wide.matches) {
      menu.open = false;
      menu.querySelector('summary').focus();
    }
  });
})();
