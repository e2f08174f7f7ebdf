from dxkpi.core.model import Pillar
from dxkpi.ui.pillar import render

render(Pillar.DIGITAL_SOCIETY)
