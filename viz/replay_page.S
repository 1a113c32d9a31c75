/* The HTML replay's stylesheet, page skeleton and script, kept as files of
 * their own so that they read as CSS, HTML and JavaScript; embedded like
 * schema.sql, from the repository root, each a C string (viz/replay_html.h).
 * None of them may contain "</style" or "</script": replay_html.c wraps
 * them in those elements. */
	.section .rodata
	.globl replay_page_css, replay_page_body, replay_page_js
replay_page_css:
	.incbin "viz/replay_page.css"
	.byte 0
replay_page_body:
	.incbin "viz/replay_page.html"
	.byte 0
replay_page_js:
	.incbin "viz/replay_page.js"
	.byte 0
	.section .note.GNU-stack, "", @progbits
