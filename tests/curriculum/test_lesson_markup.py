from curriculum.templatetags.lesson_markup import lesson_markup


def test_paragraphs_bullets_and_code_become_html():
    html = lesson_markup("First line\ncontinues.\n\n- one\n- two\n\n```\nx = [1, 2]\n```")

    assert "<p>First line continues.</p>" in html
    assert "<ul><li>one</li><li>two</li></ul>" in html
    assert "<pre><code>x = [1, 2]</code></pre>" in html


def test_markup_in_content_is_escaped_not_rendered():
    html = lesson_markup("<script>alert(1)</script>\n\n```\nif a < b: pass\n```")

    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "if a &lt; b: pass" in html
