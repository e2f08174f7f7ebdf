from dxkpi.ui.plans import render

render()
