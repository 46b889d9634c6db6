// The second reader's check while the coach types, refused because the sign-in ended (signed out in another
// tab or window, or thirty minutes without a request): the form check answers 403, htmx swaps nothing in on
// an error, and the help stopped without a word. Its region now says why, in the page's language (the words
// stand in the page, in template#writing-signed-out: no text in scripts), and nothing navigates away: the
// letter stays in the form as typed. A redirect to the sign-in page is not shown as the help either.
(function () {
	function signedOut() {
		var words = document.getElementById('writing-signed-out');
		var help = document.getElementById('writing-help');
		if (!words || !help || help.querySelector('.bw-writing__signed-out')) {
			return; // said once: each pause in typing would have a screen reader read it out again
		}
		Array.prototype.slice.call(help.children).forEach(function (child) {
			if (child.id !== 'writing-help-title' && child.id !== 'writing-seen') {
				help.removeChild(child);
			}
		});
		help.appendChild(words.content.cloneNode(true));
		// The replaced region is not announced: the page's live region says it, as the help's other answers do.
		var status = document.getElementById('writing-status');
		if (status) {
			status.textContent = words.content.querySelector('p').textContent;
		}
	}
	function forTheHelp(detail) {
		return detail && detail.target && detail.target.id === 'writing-help';
	}
	document.addEventListener('htmx:responseError', function (event) {
		var status = event.detail.xhr ? event.detail.xhr.status : 0;
		if (forTheHelp(event.detail) && (status === 401 || status === 403)) {
			signedOut();
		}
	});
	document.addEventListener('htmx:beforeSwap', function (event) {
		var url = event.detail.xhr && event.detail.xhr.responseURL;
		if (forTheHelp(event.detail) && url && new URL(url, window.location.href).pathname.endsWith('/login')) {
			event.detail.shouldSwap = false;
			signedOut();
		}
	});
})();
