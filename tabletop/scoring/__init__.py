"""The scoring room: the rubric's criteria turned into a score card with a why for each line
(`rubric`), solo feedback on one decision, and each team's card in a workshop (`teams`).
"""
