"""Reading documents from outside: a reporter's .docx, and the answer to a desk export.

Pure like review/text and review/exports: bytes in, plain data out, no Django. The services
(review/services/docx_import.py, review/services/roundtrip.py) turn the data into articles,
flags and comments.
"""
