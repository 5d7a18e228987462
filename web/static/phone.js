// The phone ticket page: follows this ticket's events, shows its state,
// and sounds and vibrates the call.
(function () {
  "use strict";
  var url = document.currentScript.getAttribute("data-events");
  function $(id) { return document.getElementById(id); }
  function apply(st) {
    $("number").textContent = st.number;
    $("service").textContent = st.service;
    $("headline").textContent = st.headline;
    $("detail").textContent = st.detail;
    $("wait").textContent = st.wait || "-";
    $("waiting").textContent = st.waiting + " orang";
    $("facts").hidden = st.status !== "waiting";
    $("status").className = "status" + (st.called ? " called" : st.final ? " final" : "");
    document.body.setAttribute("data-status", st.status);
    if (st.final && es) { es.close(); $("live").textContent = "Tiket ini sudah selesai."; }
  }
  var sound = $("sound");
  LoketSound.onChange(function (on) {
    sound.setAttribute("aria-pressed", on ? "true" : "false");
    sound.textContent = on ? "Suara dan getar aktif" : "Aktifkan suara dan getar";
  });
  sound.addEventListener("click", function () {
    LoketSound.unlock();
    if (navigator.vibrate) navigator.vibrate(80);
  });
  if (!window.EventSource) { $("live").textContent = "Muat ulang halaman untuk melihat posisi terbaru."; return; }
  var es = new EventSource(url);
  es.addEventListener("state", function (e) { apply(JSON.parse(e.data)); });
  es.addEventListener("call", function (e) {
    var c = JSON.parse(e.data);
    document.body.setAttribute("data-call", c.number + "@" + c.counter);
    $("headline").textContent = "Silakan ke Loket " + c.counter;
    $("detail").textContent = "Nomor Anda sedang dipanggil.";
    $("facts").hidden = true;
    $("status").className = "status called flash";
    LoketSound.play(c.clips);
    if (navigator.vibrate) navigator.vibrate([500, 200, 500, 200, 500]);
  });
  es.addEventListener("end", function (e) {
    es.close();
    var m = {};
    try { m = JSON.parse(e.data); } catch (x) { /* keep the default */ }
    $("live").textContent = m.message || "Halaman ini tidak lagi diperbarui.";
  });
  es.onopen = function () { $("live").textContent = "Halaman ini diperbarui otomatis."; };
  es.onerror = function () {
    if (es.readyState !== EventSource.CLOSED) $("live").textContent = "Koneksi terputus, menyambungkan kembali...";
  };
})();
