// A form sent back to its own section (a redirect to /page#section, so that a long page opens where the
// person was) marks its first wrong field, or its message, with autofocus. Browsers skip autofocus on a
// page opened at a #fragment, and moving to the fragment leaves the focus on the page, so a screen reader
// heard nothing of what went wrong (WCAG 3.3.1). Focused here once the page has loaded (the move to the
// fragment comes after deferred scripts), only when nothing else has the focus. Decision 0061.
(function () {
	function focusMarked() {
		var marked = document.querySelector('[autofocus]');
		if (marked && (document.activeElement === null || document.activeElement === document.body)) {
			marked.focus();
		}
	}
	if (document.readyState === 'complete') {
		focusMarked();
	}
	else {
		window.addEventListener('load', focusMarked, { once: true });
	}
})();
