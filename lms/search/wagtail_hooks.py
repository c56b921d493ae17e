from wagtail import hooks

from lms.search import services


@hooks.register("lms_load_demo", order=1000)  # after every app's demo pages
def index_demo_pages(stdout=None):
    count = services.rebuild_index()
    if stdout is not None:
        stdout.write(f"Indeks wyszukiwania: {count} stron.\n")
