/// The one stylesheet of the admin pages, sent inline and allowed by its hash in the CSP.
enum Stylesheet {
    static let css: StaticString = """
:root{--bg:#f5f6f8;--surface:#fff;--text:#1d2330;--muted:#5d6677;--line:#dfe3ea;--accent:#3a5bd9;--accent-ink:#fff;--accent-soft:#e8edfc;--ok:#17794a;--ok-soft:#e2f4ea;--warn:#8a5a00;--warn-soft:#fdf1d8;--bad:#b42318;--bad-soft:#fde7e5;--info:#2e5aac;--info-soft:#e5eefb;--focus:#f0a500;--radius:10px;--shadow:0 1px 2px rgba(16,24,40,.06),0 1px 3px rgba(16,24,40,.08);color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#12151b;--surface:#1b2029;--text:#e6e9ef;--muted:#9aa3b2;--line:#2c3340;--accent:#7d97ff;--accent-ink:#0d1020;--accent-soft:#232c47;--ok:#58c98f;--ok-soft:#163427;--warn:#f0bd5b;--warn-soft:#3a2d12;--bad:#ff8a80;--bad-soft:#3d1c1a;--info:#8fb3ff;--info-soft:#1b2a45;--shadow:none}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--text);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif}
a{color:var(--accent)}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px;border-radius:4px}
code{overflow-wrap:anywhere}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"Liberation Mono",monospace;font-size:.9em}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 .25rem}
h2{font-size:1.1rem;margin:0 0 .75rem}
h3{font-size:1rem;margin:1.25rem 0 .5rem}
p{margin:.5rem 0}
.skip{position:absolute;left:-9999px;top:0}
.skip:focus{left:1rem;top:1rem;z-index:10;background:var(--surface);padding:.5rem 1rem}
.topbar{display:flex;align-items:center;justify-content:space-between;gap:1rem;padding:.6rem 1.25rem;background:var(--surface);border-bottom:1px solid var(--line)}
.brand{font-weight:700;font-size:1.05rem;color:var(--text);text-decoration:none;display:flex;align-items:center;gap:.5rem}
.brand-mark{display:inline-grid;place-items:center;width:1.7rem;height:1.7rem;border-radius:7px;background:var(--accent);color:var(--accent-ink);font-size:.8rem}
.shell{display:grid;grid-template-columns:13rem minmax(0,1fr);min-height:calc(100vh - 3.2rem)}
.sidenav{background:var(--surface);border-right:1px solid var(--line);padding:1rem .6rem}
.sidenav ul{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:.15rem}
.sidenav a{display:block;padding:.5rem .75rem;border-radius:8px;color:var(--text);text-decoration:none}
.sidenav a:hover{background:var(--bg)}
.sidenav a[aria-current=page]{background:var(--accent-soft);color:var(--accent);font-weight:600}
main{padding:1.5rem 1.75rem 3rem;max-width:80rem;width:100%;min-width:0}
.page-head{display:flex;flex-wrap:wrap;align-items:flex-end;justify-content:space-between;gap:.75rem 1rem;margin-bottom:1.25rem}
.page-head p{color:var(--muted);margin:.25rem 0 0}
.crumbs{font-size:.85rem;color:var(--muted);margin-bottom:.35rem}
.crumbs a{color:var(--muted)}
.card{background:var(--surface);border:1px solid var(--line);border-radius:var(--radius);box-shadow:var(--shadow);padding:1.1rem 1.25rem;margin-bottom:1.25rem}
.card-flush{padding:0;overflow:hidden}
.menu-host,.menu-host .table-wrap{overflow:visible}
.menu-host thead th:first-child{border-top-left-radius:calc(var(--radius) - 1px)}
.menu-host thead th:last-child{border-top-right-radius:calc(var(--radius) - 1px)}
.grid-2{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:1.25rem}
.narrow{max-width:34rem}
.medium{max-width:44rem}
.muted{color:var(--muted)}
.small{font-size:.85rem}
.btn{display:inline-flex;align-items:center;gap:.4rem;padding:.5rem .95rem;border-radius:8px;border:1px solid var(--line);background:var(--surface);color:var(--text);font:inherit;font-weight:600;text-decoration:none;cursor:pointer;line-height:1.3}
.btn:hover{border-color:var(--muted)}
.btn-primary{background:var(--accent);border-color:var(--accent);color:var(--accent-ink)}
.btn-primary:hover{filter:brightness(1.08);border-color:var(--accent)}
.btn-danger{background:var(--bad);border-color:var(--bad);color:#fff}
.btn-small{padding:.3rem .6rem;font-size:.85rem}
.btn-link{background:none;border:none;padding:0;color:var(--accent);font:inherit;cursor:pointer;text-decoration:underline}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin-top:1rem}
label{display:block;font-weight:600;margin:0 0 .3rem}
.field{margin-bottom:1rem}
.hint{color:var(--muted);font-size:.85rem;margin-top:.3rem;font-weight:400}
input[type=text],input[type=password],input[type=search],select{width:100%;height:2.6rem;padding:.5rem .7rem;border:1px solid var(--line);border-radius:8px;background:var(--surface);color:var(--text);font:inherit}
input[readonly]{background:var(--bg)}
.check{display:flex;gap:.55rem;align-items:flex-start;font-weight:600}
.check input{width:1.1rem;height:1.1rem;margin-top:.15rem}
.copy-row{display:flex;gap:.5rem;align-items:flex-start}
.copy-row input{flex:1;min-width:0;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9rem}
.copy-row .btn{height:2.6rem;flex:none}
textarea.secret{flex:1;min-width:0;width:100%;min-height:2.6rem;padding:.5rem .7rem;border:1px solid var(--line);border-radius:8px;background:var(--bg);color:var(--text);font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9rem;line-height:1.5;resize:none;overflow:hidden;word-break:break-all;field-sizing:content}
.alert{border-radius:8px;padding:.7rem .9rem;margin:0 0 1rem;border:1px solid transparent}
.alert-error{background:var(--bad-soft);color:var(--bad);border-color:var(--bad)}
.alert-warn{background:var(--warn-soft);color:var(--warn);border-color:var(--warn)}
.alert-ok{background:var(--ok-soft);color:var(--ok);border-color:var(--ok)}
.alert-info{background:var(--info-soft);color:var(--info);border-color:var(--info)}
.alert p{margin:.2rem 0}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{text-align:left;padding:.55rem .7rem;border-bottom:1px solid var(--line);vertical-align:top}
td,tbody th{overflow-wrap:break-word}
tbody th{font-weight:600}
thead th{font-size:.78rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);background:var(--bg);white-space:nowrap}
thead th a{color:inherit;text-decoration:none}
thead th a:hover{text-decoration:underline}
tbody tr:last-child td,tbody tr:last-child th{border-bottom:none}
tbody tr:hover{background:var(--bg)}
td.num,th.num{text-align:right}
tr.row-failed td{background:var(--bad-soft)}
td.request{min-width:15rem}
td.detail{min-width:12rem;overflow-wrap:anywhere}
.method{display:inline-block;min-width:3.6rem;font-size:.72rem;font-weight:700;letter-spacing:.03em;color:var(--muted)}
.badge{display:inline-block;padding:.1rem .5rem;border-radius:999px;font-size:.78rem;font-weight:600;white-space:nowrap;border:1px solid transparent}
.badge-ok{background:var(--ok-soft);color:var(--ok)}
.badge-muted{background:var(--bg);color:var(--muted);border-color:var(--line)}
.badge-warn{background:var(--warn-soft);color:var(--warn)}
.badge-bad{background:var(--bad-soft);color:var(--bad)}
.badge-info{background:var(--info-soft);color:var(--info)}
.filters{display:flex;flex-wrap:wrap;gap:.75rem;align-items:flex-end;margin-bottom:1rem}
.filters .field{margin:0;flex:1 1 12rem}
.filters .field-search{flex:3 1 16rem}
.pager{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;justify-content:space-between;padding:.75rem 1rem;border-top:1px solid var(--line);font-size:.9rem}
.pager .links{display:flex;gap:.5rem}
.pager-top{border-top:none;border-bottom:1px solid var(--line)}
.card-flush>.card-title{padding:1.1rem 1.25rem 0;margin:0 0 .75rem}
.sub{display:block;font-size:.8rem;font-weight:400;color:var(--muted);overflow-wrap:anywhere}
dl.attrs{display:grid;grid-template-columns:minmax(7rem,9.5rem) minmax(0,1fr);gap:.4rem 1rem;margin:0}
dl.attrs dt{font-weight:600;color:var(--muted);min-width:0;overflow-wrap:anywhere}
dl.attrs dd{margin:0;overflow-wrap:anywhere}
dl.attrs dl.attrs{padding:.4rem .6rem;border-left:3px solid var(--line)}
.attr-key{display:block;font-weight:400;font-size:.78rem}
ul.plain{list-style:none;margin:0;padding:0}
ul.plain li{margin:.15rem 0}
ol.plain{margin:0;padding-left:1.3rem}
ol.plain>li+li{margin-top:.4rem}
pre.json{margin:0;padding:1rem;background:var(--bg);border-radius:8px;overflow:auto;max-height:36rem;font-size:.85rem;line-height:1.45}
.menu{position:relative;display:inline-block}
.menu summary{list-style:none;cursor:pointer;padding:.2rem .55rem;border-radius:6px;border:1px solid var(--line);font-weight:700;line-height:1}
.menu summary::-webkit-details-marker{display:none}
.menu ul{position:absolute;right:0;z-index:5;margin:.3rem 0 0;padding:.35rem;list-style:none;background:var(--surface);border:1px solid var(--line);border-radius:8px;box-shadow:0 6px 24px rgba(16,24,40,.16);min-width:11rem}
.menu li a{display:block;padding:.4rem .6rem;border-radius:6px;color:var(--text);text-decoration:none;white-space:nowrap}
.menu li a:hover{background:var(--bg)}
.menu li a.danger{color:var(--bad)}
.stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.75rem;margin:0 0 1rem}
.stats div{background:var(--bg);border-radius:8px;padding:.7rem .9rem}
.stats dt{font-size:.8rem;color:var(--muted)}
.stats dd{margin:.1rem 0 0;font-size:1.15rem;font-weight:650}
.tabs{display:flex;flex-wrap:wrap;gap:.25rem;border-bottom:1px solid var(--line);margin:0 0 1rem;padding:0;list-style:none}
.tabs a{display:block;padding:.55rem .9rem;border:1px solid transparent;border-bottom:none;border-radius:8px 8px 0 0;text-decoration:none;color:var(--muted);font-weight:600}
.tabs a:hover{color:var(--text)}
.guide{display:none}
.guide:target,.guide-default{display:block}
.guide:target~.guide-default{display:none}
.guides:has(#guide-entra:target) a[href="#guide-entra"],.guides:has(#guide-okta:target) a[href="#guide-okta"],.guides:has(#guide-onelogin:target) a[href="#guide-onelogin"],.guides:has(#guide-jumpcloud:target) a[href="#guide-jumpcloud"],.guides:not(:has(.guide:target)) a[href="#guide-entra"]{color:var(--accent);border-color:var(--line);background:var(--surface);margin-bottom:-1px}
ol.steps{margin:0;padding-left:1.4rem}
ol.steps>li{margin:0 0 .8rem;padding-left:.25rem}
ol.steps>li::marker{font-weight:700;color:var(--accent)}
.field-name{font-weight:650}
.pitfalls{margin-top:1rem}
.pitfalls ul{margin:.3rem 0;padding-left:1.2rem}
.auth-wrap{min-height:100vh;display:grid;place-items:center;padding:1.5rem}
.auth-card{width:100%;max-width:26rem}
.auth-card .brand{justify-content:center;margin-bottom:1.25rem;font-size:1.25rem}
.auth-card h1{font-size:1.35rem;margin-bottom:.5rem}
.empty{text-align:center;padding:2.5rem 1rem;color:var(--muted)}
.nowrap{white-space:nowrap}
[hidden]{display:none!important}
@media (max-width:760px){.shell{grid-template-columns:minmax(0,1fr)}.sidenav{border-right:none;border-bottom:1px solid var(--line);padding:.4rem .6rem}.sidenav ul{flex-direction:row;flex-wrap:nowrap;overflow-x:auto}.sidenav a{white-space:nowrap;padding:.45rem .65rem}main{padding:1rem}dl.attrs{grid-template-columns:1fr}dl.attrs dt{margin-top:.4rem}.topbar{padding:.5rem .9rem}.shell{grid-template-rows:auto 1fr}table.stack,table.stack tbody,table.stack tr,table.stack th,table.stack td{display:block}table.stack thead{display:none}table.stack tr{position:relative;padding:.75rem 3.5rem .75rem 1rem;border-bottom:1px solid var(--line)}table.stack tbody tr:last-child{border-bottom:none}table.stack th,table.stack td{border:none;padding:.1rem 0;text-align:left}table.stack td[data-label]::before{content:attr(data-label) ": ";color:var(--muted);font-size:.85rem}table.stack td.row-menu{position:absolute;top:.65rem;right:.9rem}.tabs{border-bottom:none;gap:.4rem}.tabs a{border:1px solid var(--line);border-radius:999px;padding:.3rem .8rem;font-size:.9rem}.guides:has(#guide-entra:target) a[href="#guide-entra"],.guides:has(#guide-okta:target) a[href="#guide-okta"],.guides:has(#guide-onelogin:target) a[href="#guide-onelogin"],.guides:has(#guide-jumpcloud:target) a[href="#guide-jumpcloud"],.guides:not(:has(.guide:target)) a[href="#guide-entra"]{background:var(--accent-soft);border-color:var(--accent);margin-bottom:0}}
"""
}
