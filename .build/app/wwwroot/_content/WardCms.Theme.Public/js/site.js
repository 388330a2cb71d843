// A-/A/A+: Vietnamese portals let readers change the text size; the choice is kept on this device only.
(function () {
  var key = 'wardcms.textSize';
  var root = document.documentElement;
  function apply(step) {
    root.classList.remove('text-sm', 'text-lg', 'text-xl');
    if (step < 0) root.classList.add('text-sm');
    if (step === 1) root.classList.add('text-lg');
    if (step >= 2) root.classList.add('text-xl');
  }
  var current = parseInt(localStorage.getItem(key) || '0', 10) || 0;
  apply(current);
  document.querySelectorAll('[data-text-size]').forEach(function (b) {
    b.addEventListener('click', function () {
      var d = parseInt(b.getAttribute('data-text-size'), 10);
      current = d === 0 ? 0 : Math.max(-1, Math.min(2, current + d));
      localStorage.setItem(key, String(current));
      apply(current);
    });
  });
  document.querySelectorAll('[data-print]').forEach(function (b) {
    b.addEventListener('click', function () { window.print(); });
  });
})();
