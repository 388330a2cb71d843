// Media library behaviour without inline scripts (the CSP forbids them): uploads with per-file
// progress (library page and Markdown editors), and the image picker of the media part.
(function () {
  'use strict';
  if (window.wardMedia) return; // included twice (layout and page): bind once
  window.wardMedia = true;

  var UPLOAD_URL = '/admin/media/upload';
  var LIST_URL = '/admin/media/list';
  var PARALLEL = 2;

  function token() {
    var el = document.querySelector('input[name="__RequestVerificationToken"]');
    return el ? el.value : '';
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function errorText(status, body) {
    if (body && body.errors && body.errors.length) return body.errors.map(function (e) { return e.message; }).join(' ');
    if (body && body.detail) return body.detail;
    if (status === 401) return 'Phiên đăng nhập đã hết. Hãy đăng nhập lại.';
    if (status === 403) return 'Tài khoản không có quyền tải tệp lên thư viện.';
    if (status === 413) return 'Tệp quá lớn.';
    if (status === 0) return 'Mất kết nối tới máy chủ. Hãy thử lại.';
    return 'Không tải lên được (lỗi ' + status + ').';
  }

  // One file per request, so each file has its own progress and its own answer.
  function upload(file, fields, onProgress) {
    return new Promise(function (resolve) {
      var data = new FormData();
      Object.keys(fields || {}).forEach(function (k) { if (fields[k]) data.append(k, fields[k]); });
      data.append('files', file, file.name);
      var xhr = new XMLHttpRequest();
      xhr.open('POST', UPLOAD_URL);
      xhr.setRequestHeader('X-CSRF-TOKEN', token());
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.responseType = 'json';
      xhr.upload.addEventListener('progress', function (e) { if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total); });
      xhr.addEventListener('load', function () {
        var body = xhr.response;
        if (xhr.status === 200 && body && body.assets && body.assets.length) resolve({ ok: true, asset: body.assets[0] });
        else resolve({ ok: false, message: errorText(xhr.status, body) });
      });
      xhr.addEventListener('error', function () { resolve({ ok: false, message: errorText(0, null) }); });
      xhr.send(data);
    });
  }

  // Runs tasks (functions returning promises) at most PARALLEL at a time.
  function queue(tasks) {
    var i = 0;
    function next() {
      if (i >= tasks.length) return Promise.resolve();
      var task = tasks[i++];
      return task().then(next);
    }
    var runners = [];
    for (var n = 0; n < Math.min(PARALLEL, tasks.length); n++) runners.push(next());
    return Promise.all(runners);
  }

  // A page of library images in a grid with search and "more": the picker and the body's image dialog.
  function browser(box, onChoose) {
    var grid = box.querySelector('[data-picker-grid]');
    var search = box.querySelector('input[type=search]');
    var more = box.querySelector('[data-picker-more]');
    var info = box.querySelector('[data-picker-info]');
    var page = 1, timer = null;
    function load(reset) {
      if (reset) { page = 1; grid.textContent = ''; }
      info.textContent = 'Đang tải…';
      var url = LIST_URL + '?kind=image&page=' + page + '&q=' + encodeURIComponent(search.value);
      fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
        .then(function (data) {
          data.items.forEach(function (item) {
            var li = el('li');
            var b = el('button');
            b.type = 'button';
            var img = el('img');
            img.src = item.thumbnailUrl; img.alt = ''; img.loading = 'lazy';
            b.append(img, el('span', null, item.title));
            b.title = item.fileName + (item.alt ? '' : ' (chưa có mô tả ảnh)');
            b.addEventListener('click', function () { onChoose(item); });
            li.appendChild(b);
            grid.appendChild(li);
          });
          info.textContent = data.total === 0 ? 'Không có ảnh nào khớp.' : 'Trang ' + data.page + '/' + data.pages + ' · ' + data.total + ' ảnh';
          more.hidden = data.page >= data.pages;
        })
        .catch(function () { info.textContent = 'Không tải được thư viện lúc này.'; });
    }
    more.addEventListener('click', function () { page++; load(false); });
    search.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(function () { load(true); }, 300); });
    return { load: load, search: search };
  }

  function hasFiles(e) {
    return e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types || [], 'Files') >= 0;
  }

  // --- Library page: drop zone and file picker ---------------------------------------------
  document.querySelectorAll('form[data-media-upload]').forEach(function (form) {
    var input = form.querySelector('input[type=file]');
    var zone = form.querySelector('[data-dropzone]') || form;
    var list = form.querySelector('[data-upload-list]');
    var reload = null;

    function start(files) {
      if (!files || !files.length) return;
      var fields = {
        folder: (form.querySelector('[name=folder]') || {}).value || '',
        tags: (form.querySelector('[name=tags]') || {}).value || ''
      };
      var tasks = Array.prototype.map.call(files, function (file) {
        var item = el('li', 'upload-item');
        var name = el('span', 'name', file.name);
        var state = el('span', 'state muted', 'Đang chờ…');
        var bar = el('progress');
        bar.max = 100; bar.value = 0;
        bar.setAttribute('aria-label', 'Tiến độ tải lên ' + file.name);
        var msg = el('span', 'msg');
        item.append(name, state, bar, msg);
        list.appendChild(item);
        return function () {
          state.textContent = 'Đang tải lên…';
          return upload(file, fields, function (p) {
            bar.value = Math.round(p * 100);
            state.textContent = p < 1 ? Math.round(p * 100) + '%' : 'Đang xử lý ảnh…';
          }).then(function (r) {
            bar.remove();
            if (r.ok && r.asset.existing) {
              item.classList.add('is-done');
              state.textContent = 'Đã có sẵn';
              var open = el('a', null, 'Mở tệp đã có');
              open.href = r.asset.editUrl;
              msg.append(r.asset.message + ' ', open);
            } else if (r.ok) {
              item.classList.add('is-done');
              state.textContent = 'Xong';
              var link = el('a', null, 'Mở để thêm mô tả, thư mục, thẻ');
              link.href = r.asset.editUrl;
              msg.append(link);
              if (r.asset.kind === 'image' && !r.asset.alt) msg.append(' · ảnh cần mô tả (alt) trước khi dùng trong bài.');
            } else {
              item.classList.add('is-error');
              state.textContent = 'Bị từ chối';
              msg.textContent = r.message;
            }
          });
        };
      });
      queue(tasks).then(function () {
        if (!reload) {
          reload = el('a', 'btn small', 'Làm mới danh sách');
          reload.href = window.location.pathname + window.location.search;
          list.after(reload);
        }
      });
    }

    form.addEventListener('submit', function (e) { e.preventDefault(); start(input.files); });
    input.addEventListener('change', function () { start(input.files); input.value = ''; });
    zone.addEventListener('dragover', function (e) { if (hasFiles(e)) { e.preventDefault(); zone.classList.add('is-over'); } });
    zone.addEventListener('dragleave', function () { zone.classList.remove('is-over'); });
    zone.addEventListener('drop', function (e) {
      if (!hasFiles(e)) return;
      e.preventDefault();
      zone.classList.remove('is-over');
      start(e.dataTransfer.files);
    });
  });

  // --- Markdown editors: drop files onto the text to upload and insert them at the cursor ---
  document.querySelectorAll('[data-md-editor]').forEach(function (root) {
    var textarea = root.querySelector('textarea');
    if (!textarea) return;
    var status = el('p', 'md-upload-status');
    status.setAttribute('aria-live', 'polite');
    textarea.after(status);

    function replace(placeholder, text) {
      var at = textarea.value.indexOf(placeholder);
      if (at < 0) { textarea.setRangeText(text, textarea.selectionStart, textarea.selectionStart, 'end'); }
      else { textarea.setRangeText(text, at, at + placeholder.length, 'end'); }
      textarea.dispatchEvent(new Event('input'));
    }

    function clean(text) { return text.replace(/[\[\]\r\n]/g, ' ').trim(); }

    textarea.addEventListener('dragover', function (e) { if (hasFiles(e)) { e.preventDefault(); textarea.classList.add('is-over'); } });
    textarea.addEventListener('dragleave', function () { textarea.classList.remove('is-over'); });
    textarea.addEventListener('drop', function (e) {
      if (!hasFiles(e)) return;
      e.preventDefault();
      textarea.classList.remove('is-over');
      var tasks = [];
      Array.prototype.forEach.call(e.dataTransfer.files, function (file) {
        var isImage = /^image\//.test(file.type);
        var alt = '';
        if (isImage) {
          alt = window.prompt('Mô tả ảnh “' + file.name + '” cho người dùng trình đọc màn hình (bắt buộc):', '');
          if (alt === null) return; // cancelled: this file is not uploaded
          alt = clean(alt);
          if (!alt) { status.className = 'md-upload-status is-error'; status.textContent = 'Ảnh “' + file.name + '” chưa được tải lên: cần có mô tả ảnh.'; return; }
        }
        var placeholder = (isImage ? '![' : '[') + 'Đang tải lên ' + clean(file.name) + '…]()';
        textarea.focus();
        textarea.setRangeText(placeholder + (isImage ? '\n' : ''), textarea.selectionStart, textarea.selectionEnd, 'end');
        tasks.push(function () {
          status.className = 'md-upload-status';
          // The alt text goes with the upload, so the library keeps it for the next use of the image.
          return upload(file, isImage ? { alt: alt } : {}, function (p) {
            status.textContent = 'Đang tải “' + file.name + '”: ' + Math.round(p * 100) + '%';
          }).then(function (r) {
            if (r.ok) {
              replace(placeholder, isImage ? '![' + alt + '](' + r.asset.url + ')' : '[' + clean(r.asset.title || file.name) + '](' + r.asset.url + ')');
              status.textContent = r.asset.existing ? r.asset.message : 'Đã chèn “' + file.name + '”.';
            } else {
              replace(placeholder, '');
              status.className = 'md-upload-status is-error';
              status.textContent = r.message;
            }
          });
        });
      });
      queue(tasks);
    });

    // The toolbar's "Ảnh" button: choose from the library or upload from the computer or phone
    // (the file chooser offers the camera and gallery), then insert ![alt](url) at the cursor.
    var button = root.querySelector('[data-md-image]');
    var dialog = root.querySelector('[data-md-image-dialog]');
    if (!button || !dialog) return;
    var altBox = dialog.querySelector('[data-md-image-alt]');
    var fileBox = dialog.querySelector('input[type=file]');
    var note = dialog.querySelector('[data-md-image-status]');
    var at = 0;
    function insert(alt, url) {
      dialog.close();
      textarea.focus();
      textarea.setRangeText('![' + clean(alt) + '](' + url + ')\n', at, at, 'end');
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
      status.className = 'md-upload-status';
      status.textContent = 'Đã chèn ảnh “' + clean(alt) + '”.';
    }
    function fail(text) { note.className = 'md-upload-status is-error'; note.textContent = text; altBox.focus(); }
    var list = browser(dialog, function (item) {
      var alt = clean(altBox.value) || clean(item.alt || '');
      if (!alt) { fail('Ảnh “' + item.title + '” chưa có mô tả: hãy nhập mô tả ảnh (alt) ở trên rồi chọn lại.'); return; }
      insert(alt, item.url);
    });
    button.hidden = false;
    button.addEventListener('click', function () {
      at = textarea.selectionStart;
      altBox.value = ''; fileBox.value = ''; note.textContent = ''; note.className = 'md-upload-status';
      dialog.showModal();
      list.load(true);
      altBox.focus();
    });
    dialog.querySelector('[data-picker-close]').addEventListener('click', function () { dialog.close(); });
    fileBox.addEventListener('change', function () {
      var file = fileBox.files && fileBox.files[0];
      if (!file) return;
      var alt = clean(altBox.value);
      if (!alt) { fileBox.value = ''; fail('Hãy nhập mô tả ảnh (alt) trước khi tải ảnh lên.'); return; }
      note.className = 'md-upload-status';
      upload(file, { alt: alt }, function (p) {
        note.textContent = 'Đang tải “' + file.name + '”: ' + Math.round(p * 100) + '%';
      }).then(function (r) {
        fileBox.value = '';
        if (!r.ok) { fail(r.message); return; }
        insert(alt, r.asset.url);
        if (r.asset.existing) status.textContent = r.asset.message;
      });
    });
  });

  // --- Picker of the media part: a small library browser in a <dialog> ---------------------
  document.querySelectorAll('[data-media-picker]').forEach(function (root) {
    var dialog = root.querySelector('dialog');
    var scope = root.closest('form') || document;
    var keyInput = scope.querySelector('input[name="Parts.media.MediaKey"]');
    var altInput = scope.querySelector('input[name="Parts.media.Alt"], textarea[name="Parts.media.Alt"]');
    var urlInput = scope.querySelector('input[name="Parts.media.ImageUrl"]');
    var preview = root.querySelector('[data-picker-preview]');
    var clear = root.querySelector('[data-picker-clear]');
    var list = browser(dialog, function (item) { choose(item); });

    function choose(item) {
      if (keyInput) { keyInput.value = item.key; keyInput.dispatchEvent(new Event('change', { bubbles: true })); }
      if (urlInput) urlInput.value = '';
      if (altInput && !altInput.value.trim()) { altInput.value = item.alt || ''; altInput.dispatchEvent(new Event('input', { bubbles: true })); }
      if (preview) { preview.src = item.thumbnailUrl; preview.alt = item.alt || ''; preview.hidden = false; }
      if (clear) clear.hidden = false;
      dialog.close();
      if (altInput && !altInput.value.trim()) altInput.focus();
    }

    root.querySelector('[data-picker-open]').addEventListener('click', function () { dialog.showModal(); list.load(true); list.search.focus(); });
    dialog.querySelector('[data-picker-close]').addEventListener('click', function () { dialog.close(); });
    if (clear) clear.addEventListener('click', function () {
      if (keyInput) keyInput.value = '';
      if (preview) { preview.hidden = true; preview.removeAttribute('src'); }
      clear.hidden = true;
    });
  });
})();
