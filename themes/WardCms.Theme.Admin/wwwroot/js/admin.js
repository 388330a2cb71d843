// Admin behaviour without inline scripts (the CSP forbids them): Markdown toolbar, server preview, confirmations.
(function () {
  'use strict';

  function token() {
    var el = document.querySelector('input[name="__RequestVerificationToken"]');
    return el ? el.value : '';
  }

  function wrap(textarea, before, after, placeholder) {
    var start = textarea.selectionStart, end = textarea.selectionEnd;
    var selected = textarea.value.substring(start, end) || placeholder;
    var text = before + selected + after;
    textarea.setRangeText(text, start, end, 'end');
    textarea.selectionStart = start + before.length;
    textarea.selectionEnd = start + before.length + selected.length;
    textarea.focus();
    textarea.dispatchEvent(new Event('input'));
  }

  function prefixLines(textarea, prefix) {
    var start = textarea.value.lastIndexOf('\n', textarea.selectionStart - 1) + 1;
    var end = textarea.selectionEnd;
    var lines = textarea.value.substring(start, end).split('\n');
    var text = lines.map(function (l, i) { return (prefix === '1. ' ? (i + 1) + '. ' : prefix) + l; }).join('\n');
    textarea.setRangeText(text, start, end, 'end');
    textarea.focus();
    textarea.dispatchEvent(new Event('input'));
  }

  var actions = {
    bold: function (t) { wrap(t, '**', '**', 'chữ đậm'); },
    italic: function (t) { wrap(t, '*', '*', 'chữ nghiêng'); },
    h2: function (t) { prefixLines(t, '## '); },
    h3: function (t) { prefixLines(t, '### '); },
    ul: function (t) { prefixLines(t, '- '); },
    ol: function (t) { prefixLines(t, '1. '); },
    quote: function (t) { prefixLines(t, '> '); },
    link: function (t) { wrap(t, '[', '](https://)', 'nội dung liên kết'); },
    table: function (t) { wrap(t, '\n| Cột 1 | Cột 2 |\n| --- | --- |\n| ', ' | |\n', 'nội dung'); }
  };

  document.querySelectorAll('[data-md-editor]').forEach(function (root) {
    var textarea = root.querySelector('textarea');
    var preview = root.querySelector('.md-preview');
    var url = root.getAttribute('data-preview-url');
    root.querySelectorAll('[data-md]').forEach(function (b) {
      b.addEventListener('click', function () { actions[b.getAttribute('data-md')](textarea); });
    });
    textarea.addEventListener('keydown', function (e) {
      if ((e.ctrlKey || e.metaKey) && e.key === 'b') { e.preventDefault(); actions.bold(textarea); }
      if ((e.ctrlKey || e.metaKey) && e.key === 'i') { e.preventDefault(); actions.italic(textarea); }
    });
    var timer = null, last = null;
    function render() {
      if (!preview || !url || textarea.value === last) return;
      last = textarea.value;
      var body = new URLSearchParams();
      body.set('markdown', textarea.value);
      // Not following redirects: with the session expired the answer is the sign-in page, which must not
      // be shown inside the preview as if it were the article.
      fetch(url, { method: 'POST', headers: { 'X-CSRF-TOKEN': token(), 'Content-Type': 'application/x-www-form-urlencoded' }, body: body, credentials: 'same-origin', redirect: 'manual' })
        .then(function (r) { return r.ok ? r.text() : Promise.reject(r.type === 'opaqueredirect' ? 'session' : r.status); })
        .then(function (html) { preview.innerHTML = html; })
        .catch(function (why) {
          last = null;
          preview.textContent = why === 'session'
            ? 'Phiên đăng nhập đã hết hạn nên chưa xem trước được; nội dung bạn gõ vẫn được giữ.'
            : 'Không xem trước được lúc này.';
        });
    }
    textarea.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(render, 400); });
    render();
  });

  document.querySelectorAll('form[data-confirm]').forEach(function (f) {
    f.addEventListener('submit', function (e) {
      if (!window.confirm(f.getAttribute('data-confirm'))) e.preventDefault();
    });
  });
})();
