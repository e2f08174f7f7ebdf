from dxkpi.ui.milestones import render

render()
