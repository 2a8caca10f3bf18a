/// The only script of the admin pages: shows the copy buttons (hidden without JavaScript) and copies
/// the text of the field a button names. The value is also selectable text, so copying works without it.
enum CopyScript {
    static let js: StaticString = """
(function(){var b=document.querySelectorAll('[data-copy]');for(var i=0;i<b.length;i++){b[i].hidden=false;b[i].addEventListener('click',function(e){var btn=e.currentTarget,el=document.getElementById(btn.getAttribute('data-copy'));if(!el)return;var v=el.value!==undefined?el.value:el.textContent;var done=function(){var t=btn.textContent;btn.textContent='Copied';setTimeout(function(){btn.textContent=t},1600)};if(navigator.clipboard&&window.isSecureContext){navigator.clipboard.writeText(v).then(done,function(){el.select&&el.select()})}else if(el.select){el.select();try{document.execCommand('copy');done()}catch(x){}}})}})();
"""
}
