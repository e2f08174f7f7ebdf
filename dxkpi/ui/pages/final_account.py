from dxkpi.ui.final_account import render

render()
