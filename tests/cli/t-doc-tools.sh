# t-doc-tools.sh: the document checks of lib.sh (check_html_pdf, check_md)
# pass the renderers' own documents and fail the faults they look for.
. "$(dirname "$0")/lib.sh"

# failures CMD...: how many checks CMD failed, run apart from this file's
# own counts; what it printed goes to failures.log.
failures() {
	(
		PASSED=0 FAILED=0
		"$@" >>failures.log 2>&1
		echo "$FAILED"
	)
}

# The unit tests' full document (every element, hostile text) as HTML
# and Markdown, from the unit test binary beside cxo.  Printed once: all
# its texts are found, and one it does not hold is not.
units=$(dirname "$CXO")/unit-tests
mkdir -p samples
if [ -x "$units" ]; then
	run env CXO_DOC_SAMPLES=$PWD/samples "$units" --filter 'report_doc/samples'
	expect_ok "the unit tests write the sample documents"
	if [ "${CXO_TEST_PRINT:-1}" != 0 ] && command -v chromium >/dev/null 2>&1 &&
		command -v pdftotext >/dev/null 2>&1; then
		expect_eq "the printed sample holds its figures and text, and only those" \
			"$(failures check_html_pdf samples/doc.html "13.75h" "12.25h" "Week 46" "0.75h" \
				"6.5h" "budget 5h" "Likelihood" "Impact" "Hours statement" \
				"<script>alert(1)</script>" "Not in the document")" 1
	else
		check_html_pdf samples/doc.html
	fi
	check_md samples/doc.md
else
	skip "no $units: the renderers' samples are not checked"
fi

good='<!DOCTYPE html><html><head><meta charset="utf-8"><style>p{}</style></head><body>
<p>Total 12.5h</p><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>t</title>
<text x="1" y="5">7</text></svg></body></html>'
printf '%s\n' "$good" >good.html
_py "" "$_doc_static_py" good.html
expect_eq "a sound document passes the static checks" "$PY_RC:${PY_OUT%$'\n'}" "0:"
# Broken documents fail before any printing.
printf '%s\n' "${good/>7</>A & B<}" >bad-svg.html
expect_ne "an SVG that is not XML fails" "$(failures check_html_pdf bad-svg.html)" 0
printf '%s\n' "${good/<\/svg>/<\/svgx>}" >open-svg.html
expect_ne "an SVG left open fails" "$(failures check_html_pdf open-svg.html)" 0
printf '%s\n' "${good/<p>/<script>x()</script><p>}" >script.html
expect_ne "a script fails" "$(failures check_html_pdf script.html)" 0
printf '%s\n' "${good/<p>/<img src=\"https://example.com/x.png\"><p>}" >fetch.html
expect_ne "an external fetch fails" "$(failures check_html_pdf fetch.html)" 0
printf '%s\n' "${good/<style>p\{\}<\/style>/<style>p{}</style><style>q{}</style>}" >styles.html
expect_ne "two style sheets fail" "$(failures check_html_pdf styles.html)" 0
printf '%s\n' "${good/p\{\}/p{background:url(//example.com/x.png)}}" >url.html
expect_ne "a url() fetch fails" "$(failures check_html_pdf url.html)" 0

if command -v cmark >/dev/null 2>&1; then
	printf '# T\n\n| a | b |\n| --- | ---: |\n| 1 | 2 |\n' >good.md
	expect_eq "a sound Markdown file passes" "$(failures check_md good.md)" 0
	printf '# T\n\nText <script>x()</script>\n' >raw.md
	expect_ne "raw HTML fails" "$(failures check_md raw.md)" 0
	printf '# T\n\n<b>bold</b>\n' >tag.md
	expect_ne "any raw tag fails" "$(failures check_md tag.md)" 0
	# A table whose separator does not match its header is no table.
	printf '# T\n\n| a | b |\n| --- |\n| 1 | 2 |\n' >broken.md
	expect_ne "a table that does not parse fails" "$(failures check_md broken.md)" 0
fi
[ "$FAILED" = 0 ] || cat failures.log
finish
