x = (1 +
     2) \
    + 3
s = """multi
line""" + '''more'''
# comment

