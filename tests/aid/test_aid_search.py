"""An aid delivery is found by what was sent, in its list and in the header's search."""

from pages.helpers import create, edit, page


def test_the_goods_are_searched_in_the_list_and_the_header_search(editor, viewer):
    delivery = create(
        editor, "aid", title="Winter help for Zhytomyr", date="December 2022", goods="Generatoren"
    )

    def found(query: str) -> bool:
        listed = page(viewer.get("/aid/", query_string={"q": query}))
        searched = page(viewer.get("/search/", query_string={"q": query}))
        return listed.links_to(f"/aid/{delivery}") and searched.links_to(f"/aid/{delivery}")

    assert found("GENERATOREN")
    assert not found("Feuerlöschfahrzeug")
    # A change of the goods is searched from its save on.
    edit(editor, "aid", delivery, goods="Zwei Feuerlöschfahrzeuge")
    assert found("feuerloschfahrzeug")
    assert not found("generatoren")
