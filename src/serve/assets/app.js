// zhibu serve: drag-and-drop uploads with progress, and live updates (SSE).
// User-provided text is only ever set with textContent.
(function () {
  "use strict";
  var csrf = document.body.dataset.csrf;
  var lastGeneration = null;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function showResult(card, state, r) {
    var errors = 0, warnings = 0;
    r.problems.forEach(function (p) {
      if (p.severity === "error") errors++;
      else if (p.severity === "warning") warnings++;
    });
    state.textContent = "已保存为 " + r.stored + "（" + r.kind_zh + "）" +
      (r.problems.length ? "，发现问题 " + r.problems.length + " 条：" : "，未发现问题。");
    card.className = "upload " + (errors ? "done-error" : warnings ? "done-warning" : "done-ok");
    if (!r.problems.length) return;
    var list = el("ul", "problems");
    r.problems.forEach(function (p) {
      var li = el("li", "problem " + p.severity);
      li.appendChild(el("span", "tag " + p.severity, p.severity_zh));
      li.appendChild(el("strong", null, p.code_zh));
      li.appendChild(el("div", "where", p.location));
      li.appendChild(el("div", "msg", p.message));
      list.appendChild(li);
    });
    card.appendChild(list);
  }

  function upload(file, list) {
    var card = el("li", "upload");
    card.appendChild(el("div", "name", file.name));
    var bar = el("progress");
    bar.max = 100; bar.value = 0;
    card.appendChild(bar);
    var state = el("div", "state", "正在上传……");
    card.appendChild(state);
    list.insertBefore(card, list.firstChild);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", "upload");
    xhr.setRequestHeader("X-File-Name", encodeURIComponent(file.name));
    xhr.setRequestHeader("X-CSRF-Token", csrf);
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) {
        bar.value = Math.round(e.loaded * 100 / e.total);
        state.textContent = "正在上传…… " + bar.value + "%";
      }
    };
    xhr.onload = function () {
      bar.remove();
      var r = null;
      try { r = JSON.parse(xhr.responseText); } catch (_) { r = null; }
      if (xhr.status === 200 && r) {
        showResult(card, state, r);
      } else {
        card.className = "upload failed";
        state.textContent = "未保存：" + ((r && r.error) || xhr.responseText || ("错误 " + xhr.status));
      }
    };
    xhr.onerror = function () {
      bar.remove();
      card.className = "upload failed";
      state.textContent = "上传失败：网络中断，请重试";
    };
    xhr.send(file);
  }

  var zone = document.getElementById("dropzone");
  var input = document.getElementById("files");
  var list = document.getElementById("uploads");
  if (zone && input && list) {
    var send = function (files) {
      for (var i = 0; i < files.length; i++) upload(files[i], list);
    };
    input.addEventListener("change", function () { send(input.files); input.value = ""; });
    ["dragenter", "dragover"].forEach(function (t) {
      zone.addEventListener(t, function (e) { e.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (t) {
      zone.addEventListener(t, function (e) { e.preventDefault(); zone.classList.remove("over"); });
    });
    zone.addEventListener("click", function (e) {
      if (e.target === zone || e.target.classList.contains("big")) input.click();
    });
    zone.addEventListener("drop", function (e) {
      if (e.dataTransfer && e.dataTransfer.files) send(e.dataTransfer.files);
    });
  }

  function refresh() {
    fetch("fragment" + location.search, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        var live = document.getElementById("live");
        if (html !== null && live) live.innerHTML = html;
      });
  }

  var status = document.getElementById("runstatus");
  if (status) lastGeneration = status.dataset.generation;
  if (window.EventSource && status) {
    var es = new EventSource("events");
    es.addEventListener("run", function (e) {
      var s = JSON.parse(e.data);
      status.className = "runstatus " + (s.state === "idle" ? (s.error ? "failed" : "idle") : "busy");
      if (s.state === "running") status.textContent = "正在核对全部材料并重新生成文件……";
      else if (s.state === "queued") status.textContent = "已收到新材料，稍后自动核对全部材料……";
      else if (s.error) status.textContent = "上次生成未成功：" + s.error;
      else status.textContent = "全部材料最近核对于 " + (s.finished_at || "");
      status.dataset.generation = s.generation;
      if (String(s.generation) !== String(lastGeneration)) {
        lastGeneration = s.generation;
        refresh();
      }
    });
  }
})();
