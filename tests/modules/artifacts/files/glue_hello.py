# Test fixture of tests/modules/artifacts: a stand-in for a Glue job script (glue/jobs/*.py).
print("hello from glue")
