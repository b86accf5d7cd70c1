"""Project glue: run page code as a reader would, and draw the figures from its results.

Nothing here is needed to *read* or *build* the site; it exists so that the tests can
prove that what the pages show runs, and that the figures come from that code.
"""
